// Stand-ins for Sources/CHashInstructions/hash_instructions.c, for counting instructions only (Scripts/
// sha_extensions.py): valgrind hides the x86 SHA extensions and cannot execute them, so callgrind counts the
// program's SSE2 lanes instead. With these, the program takes the extensions' path, callgrind counts everything
// around the two block functions, and the calls and blocks are reported at exit; the real functions' instructions
// are added from objdump. The digests are wrong: never use this build for anything else.
#include "CHashInstructions.h"
#include <stdio.h>

static size_t sha1_calls, sha1_blocks, sha256_calls, sha256_blocks;

int checkout_hash_instructions_available(void) { return 1; }

void checkout_sha1_blocks(uint32_t state[5], const uint8_t *data, size_t blocks) {
    (void)state, (void)data;
    sha1_calls++;
    sha1_blocks += blocks;
}

void checkout_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state, (void)data;
    sha256_calls++;
    sha256_blocks += blocks;
}

__attribute__((destructor)) static void report(void) {
    fprintf(stderr, "sha-extensions-stub: sha1 %zu calls %zu blocks, sha256 %zu calls %zu blocks\n", sha1_calls,
            sha1_blocks, sha256_calls, sha256_blocks);
}
