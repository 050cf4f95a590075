package dev.parley.store;

import java.util.regex.Pattern;

/** JDBC URLs as Parley shows them: never with a password. */
final class StoreUrls {

    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("([?&;])(password|sslpassword)=[^&;]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern USER_INFO = Pattern.compile("//([^/@?]*)@");

    private StoreUrls() {
    }

    /** The URL with password parameters and {@code user:password@} user info masked. */
    static String withoutCredentials(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1$2=***");
        return USER_INFO.matcher(masked).replaceAll(match -> {
            String userInfo = match.group(1);
            int colon = userInfo.indexOf(':');
            return "//" + (colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***") + "@";
        });
    }
}
