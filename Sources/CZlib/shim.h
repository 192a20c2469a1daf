#include <zlib.h>

/* inflateInit is a macro, which Swift cannot call; this passes it the header's version. */
static inline int handoff_inflate_init(z_stream *stream) {
  return inflateInit(stream);
}
