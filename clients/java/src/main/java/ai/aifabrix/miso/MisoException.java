package ai.aifabrix.miso;

/** Base of every exception the SDK throws; unchecked, as callers handle them where they choose. */
public class MisoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MisoException(String message) {
        super(message);
    }

    public MisoException(String message, Throwable cause) {
        super(message, cause);
    }
}
