package ai.aifabrix.miso;

/** The server could not be reached or did not answer in time (after any retries). */
public class MisoConnectionException extends MisoException {
    private static final long serialVersionUID = 1L;

    public MisoConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
