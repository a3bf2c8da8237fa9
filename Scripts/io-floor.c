/*
 * The I/O floor of a checkout-batch run: the same file operations, in the same order, with nothing else —
 * no parsing, no validation, no pricing, no rendering. Its time is the physical limit a run is compared against
 * (Scripts/bench-throughput.py).
 *
 *     cc -O2 -o io-floor Scripts/io-floor.c
 *     io-floor WORKSPACE MANIFEST
 *
 * MANIFEST (written by bench-throughput.py from a real run's events and outbox) lists, per input in run order:
 *     input NAME archive|rejected
 *     doc orders|errors NAME SIZE      one document of a commit group (orders also clear errors/NAME)
 *     commit JOURNAL_BYTES             the end of a commit group: sync orders/ and errors/, append + sync the journal
 *     done                             the input is finished: clear errors/INPUT.json, move it, sync both folders
 * For each input the floor reads the whole file (64 KiB reads, as the program streams it), then for each document
 * writes SIZE bytes to a temporary file, fsyncs, closes and renames it into place, exactly as the program does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char filler[1 << 20];

static void die(const char *what, const char *path) {
    fprintf(stderr, "io-floor: %s %s: %s\n", what, path, strerror(errno));
    exit(74);
}

static void sync_dir(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) die("sync", path);
    close(fd);
}

static void write_all(int fd, long size, const char *path) {
    while (size > 0) {
        long chunk = size < (long)sizeof filler ? size : (long)sizeof filler;
        ssize_t n = write(fd, filler, chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("write", path);
        }
        size -= n;
    }
}

static void write_atomically(const char *folder, const char *name, long size) {
    char path[4096], tmp[4096];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    snprintf(tmp, sizeof tmp, "%s/.tmp-%s", folder, name);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) die("open", tmp);
    write_all(fd, size, tmp);
    if (fsync(fd) != 0) die("sync", tmp);
    if (close(fd) != 0) die("close", tmp);
    if (rename(tmp, path) != 0) die("rename", tmp);
}

static void read_input(const char *path) {
    static char buffer[1 << 16];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die("open", path);
    for (;;) {
        ssize_t n = read(fd, buffer, sizeof buffer);
        if (n == 0) break;
        if (n < 0 && errno != EINTR) die("read", path);
    }
    close(fd);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: io-floor WORKSPACE MANIFEST\n");
        return 64;
    }
    memset(filler, 'x', sizeof filler);
    const char *ws = argv[1];
    char inbox[4096], orders[4096], errors[4096], outbox[4096], ledger[4096], journal[4096];
    snprintf(inbox, sizeof inbox, "%s/inbox", ws);
    snprintf(outbox, sizeof outbox, "%s/outbox", ws);
    snprintf(orders, sizeof orders, "%s/outbox/orders", ws);
    snprintf(errors, sizeof errors, "%s/outbox/errors", ws);
    snprintf(ledger, sizeof ledger, "%s/outbox/.ledger", ws);
    snprintf(journal, sizeof journal, "%s/journal.ndjson", ledger);
    const char *folders[] = {outbox, orders, errors, ledger};
    for (int i = 0; i < 4; i++) mkdir(folders[i], 0755);
    char archive[4096], rejected[4096];
    snprintf(archive, sizeof archive, "%s/archive", ws);
    snprintf(rejected, sizeof rejected, "%s/rejected", ws);
    mkdir(archive, 0755);
    mkdir(rejected, 0755);
    int jfd = open(journal, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (jfd < 0) die("open", journal);

    FILE *manifest = fopen(argv[2], "r");
    if (!manifest) die("open", argv[2]);
    char line[8192], input[4096] = "", dest[64] = "";
    while (fgets(line, sizeof line, manifest)) {
        char kind[16], a[4096], b[4096];
        long size = 0;
        if (sscanf(line, "input %4095s %63s", a, dest) == 2) {
            snprintf(input, sizeof input, "%s", a);
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", inbox, input);
            read_input(path);
        } else if (sscanf(line, "doc %15s %4095s %ld", kind, b, &size) == 3) {
            int order = strcmp(kind, "orders") == 0;
            write_atomically(order ? orders : errors, b, size);
            if (order) {
                char stale[8192];
                snprintf(stale, sizeof stale, "%s/%s", errors, b);
                unlink(stale);
            }
        } else if (sscanf(line, "commit %ld", &size) == 1) {
            sync_dir(orders);
            sync_dir(errors);
            write_all(jfd, size, journal);
            if (fsync(jfd) != 0) die("sync", journal);
        } else if (strncmp(line, "done", 4) == 0) {
            char from[8192], to[8192], stale[8192];
            snprintf(stale, sizeof stale, "%s/%s.json", errors, input);
            if (strcmp(dest, "archive") == 0) unlink(stale);
            snprintf(from, sizeof from, "%s/%s", inbox, input);
            snprintf(to, sizeof to, "%s/%s", strcmp(dest, "archive") == 0 ? archive : rejected, input);
            if (rename(from, to) != 0) die("rename", from);
            sync_dir(strcmp(dest, "archive") == 0 ? archive : rejected);
            sync_dir(inbox);
        }
    }
    fclose(manifest);
    close(jfd);
    return 0;
}
