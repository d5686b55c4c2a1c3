package ai.aifabrix.miso;

import java.util.function.Function;

/** What every namespace shares: the client it calls through and the options of its view. */
abstract class Namespace<N extends Namespace<N>> {
    final MisoClient client;
    final RequestOptions options;
    private final Function<RequestOptions, N> view;

    Namespace(MisoClient client, RequestOptions options, Function<RequestOptions, N> view) {
        this.client = client;
        this.options = options;
        this.view = view;
    }

    /** This namespace with per-call options (headers, timeout, retries); the client is shared. */
    public N withOptions(RequestOptions callOptions) {
        return view.apply(options.merge(callOptions));
    }

    <T> T call(MisoClient.ApiCall<T> operation) {
        return client.call(options, operation);
    }
}
