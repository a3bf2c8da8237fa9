// libxml2, used directly for XML carts (SPEC §2.2): the streaming reader and structured errors.
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>
