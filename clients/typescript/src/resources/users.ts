/** `client.users`: the `users` tag, with the current principal (`me`). */
import type { Transport } from "../_transport.js";
import type { CurrentUser, User, UserList, UserUpdate } from "../generated/schema.js";
import { PageIterator } from "../pagination.js";
import type { QueryOf, RequestOptions, WithoutPage } from "./_common.js";

export type ListUsersParams = QueryOf<"listUsers">;

export class Users {
  readonly #t: Transport;
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** `listUsers`: one page. */
  list(params: ListUsersParams = {}, options: RequestOptions = {}): Promise<UserList> {
    return this.#t.call((api, init) => api.GET("/api/v1/users", { params: { query: params }, ...init }), options);
  }

  /** Every user, page after page. */
  listAll(params: WithoutPage<ListUsersParams> = {}, options: RequestOptions = {}): PageIterator<User> {
    return new PageIterator((page) => this.list({ ...params, page }, options));
  }

  /** `getCurrentUser`: who the token acts for, and the permissions it carries. */
  me(options: RequestOptions = {}): Promise<CurrentUser> {
    return this.#t.call((api, init) => api.GET("/api/v1/users/me", { ...init }), options);
  }

  /** `getUser` */
  get(userId: string, options: RequestOptions = {}): Promise<User> {
    return this.#t.call((api, init) => api.GET("/api/v1/users/{user_id}", { params: { path: { user_id: userId } }, ...init }), options);
  }

  /** `updateUser` (needs `miso:admin`): changes the fields given. */
  update(userId: string, changes: UserUpdate, options: RequestOptions = {}): Promise<User> {
    return this.#t.call(
      (api, init) => api.PUT("/api/v1/users/{user_id}", { params: { path: { user_id: userId } }, body: changes, ...init }),
      options,
    );
  }
}
