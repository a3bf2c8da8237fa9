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

// libxml2 reports some problems (an encoding that cannot be converted, for one) through its generic error
// function, which prints to standard error by default, whatever `--quiet` says. checkout-batch hears every parse
// problem through the structured handler of its SAX table, so the generic channel is silenced. The function type
// is variadic, which Swift cannot write, hence this header.
static void checkout_batch_ignore_generic_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/// Silences libxml2's generic error output on this thread and on every thread started later.
static inline void checkout_batch_silence_libxml2(void) {
    xmlSetGenericErrorFunc(NULL, checkout_batch_ignore_generic_error);
    xmlThrDefSetGenericErrorFunc(NULL, checkout_batch_ignore_generic_error);
}
