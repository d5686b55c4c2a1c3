package ai.aifabrix.miso;

import ai.aifabrix.miso.client.api.UsersApi;
import ai.aifabrix.miso.model.CurrentUser;
import ai.aifabrix.miso.model.User;
import ai.aifabrix.miso.model.UserList;
import ai.aifabrix.miso.model.UserRole;
import ai.aifabrix.miso.model.UserUpdate;

/** Users of the platform, and the caller itself. */
public final class Users extends Namespace<Users> {
    private final UsersApi api;

    Users(MisoClient client, RequestOptions options) {
        super(client, options, o -> new Users(client, o));
        this.api = new UsersApi(client.api());
    }

    @Operation("listUsers")
    public UserList list(Integer page, Integer limit, UserRole role, String sort) {
        return call(() -> api.listUsers(page, limit, role, sort));
    }

    public UserList list() {
        return list(null, null, null, null);
    }

    /** Every user with the role (null: any), page after page. */
    public Iterable<User> listAll(UserRole role, String sort) {
        return new Pages<>(page -> list(page, null, role, sort), UserList::getData, UserList::getPagination);
    }

    @Operation("getCurrentUser")
    public CurrentUser me() {
        return call(api::getCurrentUser);
    }

    @Operation("getUser")
    public User get(String userId) {
        return call(() -> api.getUser(userId));
    }

    @Operation("updateUser")
    public User update(String userId, UserUpdate changes) {
        return call(() -> api.updateUser(userId, changes));
    }
}
