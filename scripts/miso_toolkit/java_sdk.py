"""Build and test the Java SDK offline: `javac` against Debian's jars, JUnit 5's console launcher.

Maven Central is out of reach, so there is no Maven or Gradle build: the classpath is the jars
Debian installs under /usr/share/java (`scripts/install-java-deps.sh` installs them), and the
sources are the generated tree, the facade and the tests.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from miso_toolkit.paths import REPO_ROOT

JAVA_SDK = REPO_ROOT / "clients" / "java"
SOURCE_ROOTS = (JAVA_SDK / "src" / "generated" / "java", JAVA_SDK / "src" / "main" / "java")
TEST_ROOT = JAVA_SDK / "src" / "test" / "java"
DEBIAN_JARS = Path("/usr/share/java")
# jar (unversioned name Debian links) -> the Debian package that installs it
COMPILE_JARS = {
    "jackson-annotations.jar": "libjackson2-annotations-java",
    "jackson-core.jar": "libjackson2-core-java",
    "jackson-databind.jar": "libjackson2-databind-java",
    "jakarta-annotation-api.jar": "libjakarta-annotation-api-java",
    "jsr305.jar": "libjsr305-java",
}
TEST_JARS = {"junit-platform-console-standalone.jar": "junit5"}


@dataclass(frozen=True)
class Build:
    """Compiled classes of the SDK and of its tests."""

    classes: Path
    test_classes: Path

    def classpath(self) -> str:
        jars = [str(DEBIAN_JARS / name) for name in COMPILE_JARS]
        return ":".join([str(self.classes), str(self.test_classes), *jars])


def missing_tools() -> list[str]:
    """What is missing to build and test the Java SDK here, each with how to get it."""
    missing = [
        f"{tool} (install openjdk-17-jdk-headless)"
        for tool in ("java", "javac")
        if shutil.which(tool) is None
    ]
    for jar, package in {**COMPILE_JARS, **TEST_JARS}.items():
        if not (DEBIAN_JARS / jar).exists():
            missing.append(f"{DEBIAN_JARS / jar} (Debian package {package})")
    return missing


def _sources(*roots: Path) -> list[str]:
    return sorted(str(path) for root in roots for path in root.rglob("*.java"))


def _javac(output: Path, classpath: str, sources: list[str]) -> None:
    output.mkdir(parents=True, exist_ok=True)
    # C1 only and the serial GC: javac is short-lived, so a quick start beats peak speed
    command = ["javac", "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-nowarn"]
    command += ["-encoding", "UTF-8", "--release", "17"]
    command += ["-d", str(output), "-cp", classpath, *sources]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"javac failed:\n{result.stdout}{result.stderr}")


def build(output: Path) -> Build:
    """Compile the SDK (generated sources and facade) and its JUnit tests into `output`."""
    jars = ":".join(str(DEBIAN_JARS / name) for name in COMPILE_JARS)
    done = Build(output / "classes", output / "test-classes")
    _javac(done.classes, jars, _sources(*SOURCE_ROOTS))
    test_path = ":".join(
        [str(done.classes), jars, str(DEBIAN_JARS / "junit-platform-console-standalone.jar")]
    )
    _javac(done.test_classes, test_path, _sources(TEST_ROOT))
    return done


def run_junit(
    done: Build, env: Mapping[str, str], reports: Path
) -> subprocess.CompletedProcess[str]:
    """Run every JUnit test of the build with the console launcher; XML reports go to `reports`."""
    command = [
        "java",
        "-jar",
        str(DEBIAN_JARS / "junit-platform-console-standalone.jar"),
        "--class-path",
        done.classpath(),
        "--scan-class-path",
        str(done.test_classes),
        "--disable-banner",
        "--details=summary",
        "--reports-dir",
        str(reports),
    ]
    return subprocess.run(command, capture_output=True, text=True, env=dict(env), check=False)
