#include <git2.h>

/* git_libgit2_opts is variadic, which Swift cannot call; these wrappers fix its arguments. */

/* Lets whole trees of a large accounts folder stay in libgit2's object cache, so walking
   history reads each version once instead of once per side of every comparison. */
static inline int handoff_set_object_cache(size_t total_bytes, size_t tree_bytes) {
  int status = git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)total_bytes);
  if (status < 0) return status;
  return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, tree_bytes);
}

#include <malloc.h>

/* Keeps large buffers (inflated tree objects) in the heap instead of a fresh mmap for each,
   which the kernel would zero page by page for every tree version a history walk reads. */
static inline int handoff_keep_large_buffers_in_heap(int bytes) {
  return mallopt(M_MMAP_THRESHOLD, bytes);
}
