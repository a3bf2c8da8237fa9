// libxml2, used directly for XML carts (SPEC §2.2): the SAX2 push parser and structured errors.
//
// Debian builds libxml2 with ICU, so <libxml/encoding.h> would include the system's <unicode/ucnv.h>, whose types
// clash with the ICU that Foundation bundles ("'UErrorCode' has different definitions in different modules") in
// any module that sees both. ICU only adds fields to xmlCharEncodingHandler, which checkout-batch never touches
// (it holds no such struct by value; the parser context refers to it by pointer), so the include is switched off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>
