#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "fuzz/fuzz_support.h"

namespace fuzz {
namespace {
void ignore_libxml2_message(void*, const char*, ...) {}
}  // namespace

void init_libxml2() {
  xmlInitParser();
  // Without this, every recovered syntax error of every mutated input would be printed.
  xmlSetGenericErrorFunc(nullptr, ignore_libxml2_message);
}

}  // namespace fuzz
