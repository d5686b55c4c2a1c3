#!/usr/bin/env bash
# Install what the Java SDK's offline build needs, from Debian (Maven Central is not reachable):
# a JDK 17 and the jars of Jackson, the Jakarta/JSR-305 annotations and JUnit 5. Does nothing
# when everything is there already; needs root (CI runs as root on a fresh machine).
set -euo pipefail

packages=()
command -v javac >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
declare -A jars=(
  [jackson-annotations.jar]=libjackson2-annotations-java
  [jackson-core.jar]=libjackson2-core-java
  [jackson-databind.jar]=libjackson2-databind-java
  [jakarta-annotation-api.jar]=libjakarta-annotation-api-java
  [jsr305.jar]=libjsr305-java
  [junit-platform-console-standalone.jar]=junit5
)
for jar in "${!jars[@]}"; do
  [ -e "/usr/share/java/$jar" ] || packages+=("${jars[$jar]}")
done

if [ ${#packages[@]} -eq 0 ]; then
  echo "java SDK dependencies: all installed"
  exit 0
fi
echo "java SDK dependencies: installing ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
