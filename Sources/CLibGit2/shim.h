#include <git2.h>

/* git_libgit2_opts is variadic, which Swift cannot call; these wrappers fix its arguments. */

/* Lets whole trees of a large accounts folder stay in libgit2's object cache, so walking
   history reads each version once instead of once per side of every comparison. */
static inline int handoff_set_object_cache(size_t total_bytes, size_t tree_bytes) {
  int status = git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)total_bytes);
  if (status < 0) return status;
  return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, tree_bytes);
}

/* Bounds the pack windows libgit2 keeps mapped, and their size: reads all over a pack (the
   close commits of every account) would otherwise keep every page they touched resident, since
   a 64-bit build maps a pack of up to 1 GB as one window that is never let go. */
static inline int handoff_set_pack_windows(size_t window_bytes, size_t limit_bytes) {
  int status = git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, window_bytes);
  if (status < 0) return status;
  return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, limit_bytes);
}

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Keeps large buffers (inflated tree objects) in the heap instead of a fresh mmap for each,
   which the kernel would zero page by page for every tree version a history walk reads.
   glibc only; elsewhere (macOS) the allocator is left as it is. */
static inline int handoff_keep_large_buffers_in_heap(int bytes) {
#ifdef __GLIBC__
  return mallopt(M_MMAP_THRESHOLD, bytes);
#else
  (void)bytes;
  return 0;
#endif
}

/* Skips re-hashing every object read. git itself trusts its object store the same way (packs
   carry CRCs and zlib checksums; `git fsck` is the place for full verification); libgit2's
   default SHA-1 (with collision detection) over every version of a 600 KB tree is most of a
   cold history walk. */
static inline int handoff_skip_object_hash_verification(void) {
  return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

/* Git's object id: SHA-1 over "<type> <size>\0" and the contents. libgit2's own hash is
   SHA-1 with collision detection, about five times slower than the system's SHA-1 (2.5 ms
   against 0.5 ms for a 600 KB accounts tree), and a pre-commit check hashes such a tree on
   every run. The ids hashed here key handoff's own caches and compare trees git already
   stored; git itself still checks what enters its object store. */
#if defined(__APPLE__)
#include <CommonCrypto/CommonDigest.h>
static inline void handoff_object_sha1(const char *header, size_t header_count,
                                       const void *contents, size_t count, unsigned char out[20]) {
  CC_SHA1_CTX context;
  CC_SHA1_Init(&context);
  CC_SHA1_Update(&context, header, (CC_LONG)header_count);
  const unsigned char *bytes = (const unsigned char *)contents;
  while (count > 0) {
    CC_LONG part = count > (1u << 30) ? (1u << 30) : (CC_LONG)count;
    CC_SHA1_Update(&context, bytes, part);
    bytes += part;
    count -= part;
  }
  CC_SHA1_Final(out, &context);
}
#else
/* The low-level calls, not EVP: EVP's first use loads OpenSSL's providers (2 ms). */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
static inline void handoff_object_sha1(const char *header, size_t header_count,
                                       const void *contents, size_t count, unsigned char out[20]) {
  SHA_CTX context;
  SHA1_Init(&context);
  SHA1_Update(&context, header, header_count);
  if (count > 0) SHA1_Update(&context, contents, count);
  SHA1_Final(out, &context);
}
#endif
