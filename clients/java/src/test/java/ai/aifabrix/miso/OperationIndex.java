package ai.aifabrix.miso;

import java.lang.reflect.Method;
import java.util.List;
import java.util.TreeSet;

/** Prints the operationId of every facade method, one a line, for the coverage test to read. */
public final class OperationIndex {
    private OperationIndex() {}

    public static void main(String[] args) {
        TreeSet<String> ids = new TreeSet<>();
        for (Class<?> namespace : List.of(Applications.class, Deployments.class, Environments.class,
                Users.class, Monitoring.class, Webhooks.class, Auth.class)) {
            for (Method method : namespace.getDeclaredMethods()) {
                Operation operation = method.getAnnotation(Operation.class);
                if (operation != null) {
                    ids.add(operation.value());
                }
            }
        }
        ids.forEach(System.out::println);
    }
}
