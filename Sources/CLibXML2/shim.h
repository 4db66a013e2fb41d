// Debian's libxml2 is built with ICU, and its encoding.h then includes ICU's headers, which clash
// with the ICU copy inside Foundation. This module only uses the parser and the tree, never ICU
// converters, so the ICU part of the headers is switched off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
