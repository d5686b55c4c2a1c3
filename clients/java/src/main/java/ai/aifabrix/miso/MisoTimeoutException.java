package ai.aifabrix.miso;

/** No answer within the timeout (the client's, or the call's own), after any retries. */
public class MisoTimeoutException extends MisoConnectionException {
    private static final long serialVersionUID = 1L;

    public MisoTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
