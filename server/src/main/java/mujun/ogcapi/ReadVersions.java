package mujun.ogcapi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import mujun.auth.Principal;

/**
 * The version each API-token caller last read of each feature of an editable collection (items pages and single
 * items): what a desktop client's write without If-Match and without a version property was made on. Per server
 * (a write reaching another instance without either gets 428, never a blind overwrite); bounded and short-lived.
 */
final class ReadVersions {
  /** A feature some API-token caller (a desktop client) read, by the token's user. */
  private record Key(String user, String collection, long id) {}

  private final Cache<Key, Integer> read = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterWrite(java.time.Duration.ofHours(12)).build();

  /** The user whose reads are remembered: API-token callers of editable collections only (the web app sends If-Match). */
  static String readerOf(Context ctx, OgcCollection c) {
    Principal who = Principal.orNull(ctx);
    return c.editable() && who != null && "token".equals(who.via()) ? who.username() : null;
  }

  /** Remembers that {@code reader} (from {@link #readerOf}; null: nothing) has version {@code version} of feature {@code id}. */
  void remember(String reader, OgcCollection c, long id, int version) {
    if (reader != null) read.put(new Key(reader, c.id(), id), version);
  }

  /** The version the caller last read of feature {@code id}, or null. */
  Integer last(Context ctx, OgcCollection c, long id) {
    String reader = readerOf(ctx, c);
    return reader == null ? null : read.getIfPresent(new Key(reader, c.id(), id));
  }
}
