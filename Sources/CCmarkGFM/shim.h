// GitHub's reference Markdown parser and its extensions (tables, strikethrough, autolinks).
// Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev (the latter ships no pkg-config file; the
// former's, libcmark-gfm.pc, links both).
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
