/*
 * The I/O floor of a checkout-batch run: the same file operations, in the same order, with nothing else —
 * no parsing, no validation, no pricing, no rendering. Its time is the physical limit a run is compared against
 * (Scripts/bench-throughput.py).
 *
 *     cc -O2 -o io-floor Scripts/io-floor.c
 *     io-floor [--sync group|file|none] WORKSPACE MANIFEST
 *
 * MANIFEST (written by bench-throughput.py from a real run's events, outbox and journal) lists, in run order:
 *     input NAME                       an input is opened: read whole (64 KiB reads, as the program streams it;
 *                                      a short read is the end of a regular file)
 *     doc orders|errors NAME SIZE      one document of a commit group
 *     commit JOURNAL_BYTES             the end of a commit group (up to 256 carts, across inputs)
 *     done NAME archive|rejected       an input whose carts are all committed: move it
 * An old error document under an order's name or an input's is cleared only when there is one (the program lists
 * errors/ once); the benchmark's workspaces start without any, so the floor clears none.
 * Each document is written to a temporary file, closed and renamed into place. --sync says how a group is made
 * durable before its journal append:
 *     group  one syncfs of the workspace's filesystem, then the journal appended and fsynced; moves are made durable
 *            by the next group's syncfs (what checkout-batch does; the default)
 *     file   fsync of each document after all the group's writes, fsync of the folders, journal appended + fsynced,
 *            and each move's folders fsynced (the alternative issue 18 asked to measure)
 *     none   nothing synced: the floor on tmpfs, where syncs cost nothing anyway
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

enum { SYNC_GROUP, SYNC_FILE, SYNC_NONE } mode = SYNC_GROUP;
static char written[1024][4096];
static int nwritten;

static void write_atomically(const char *folder, const char *name, long size) {
    char path[4096], tmp[4096];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    snprintf(tmp, sizeof tmp, "%s/.tmp-%s", folder, name);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) die("open", tmp);
    write_all(fd, size, tmp);
    if (close(fd) != 0) die("close", tmp);
    if (rename(tmp, path) != 0) die("rename", tmp);
    if (mode == SYNC_FILE && nwritten < 1024) snprintf(written[nwritten++], 4096, "%s", path);
}

static void sync_file(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) die("sync", path);
    close(fd);
}

static void read_input(const char *path) {
    static char buffer[1 << 16];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die("open", path);
    for (;;) {
        ssize_t n = read(fd, buffer, sizeof buffer);
        if (n < 0 && errno != EINTR) die("read", path);
        if (n >= 0 && n < (ssize_t)sizeof buffer) break;
    }
    close(fd);
}

int main(int argc, char **argv) {
    int arg = 1;
    if (argc == 5 && strcmp(argv[1], "--sync") == 0) {
        mode = strcmp(argv[2], "file") == 0 ? SYNC_FILE : strcmp(argv[2], "none") == 0 ? SYNC_NONE : SYNC_GROUP;
        arg = 3;
    } else if (argc != 3) {
        fprintf(stderr, "usage: io-floor [--sync group|file|none] WORKSPACE MANIFEST\n");
        return 64;
    }
    memset(filler, 'x', sizeof filler);
    const char *ws = argv[arg];
    char inbox[4096], orders[4096], errors[4096], inputs[4096], outbox[4096], ledger[4096], journal[4096];
    snprintf(inbox, sizeof inbox, "%s/inbox", ws);
    snprintf(outbox, sizeof outbox, "%s/outbox", ws);
    snprintf(orders, sizeof orders, "%s/outbox/orders", ws);
    snprintf(errors, sizeof errors, "%s/outbox/errors", ws);
    snprintf(inputs, sizeof inputs, "%s/outbox/errors/inputs", ws);
    snprintf(ledger, sizeof ledger, "%s/outbox/.ledger", ws);
    snprintf(journal, sizeof journal, "%s/journal.ndjson", ledger);
    const char *folders[] = {outbox, orders, errors, inputs, ledger};
    for (int i = 0; i < 5; i++) mkdir(folders[i], 0755);
    char archive[4096], rejected[4096];
    snprintf(archive, sizeof archive, "%s/archive", ws);
    snprintf(rejected, sizeof rejected, "%s/rejected", ws);
    mkdir(archive, 0755);
    mkdir(rejected, 0755);
    int jfd = open(journal, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (jfd < 0) die("open", journal);
    int fsfd = open(outbox, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fsfd < 0) die("open", outbox);

    FILE *manifest = fopen(argv[arg + 1], "r");
    if (!manifest) die("open", argv[arg + 1]);
    char line[8192];
    while (fgets(line, sizeof line, manifest)) {
        char kind[16], a[4096], b[4096], dest[64];
        long size = 0;
        if (sscanf(line, "input %4095s", a) == 1 && strncmp(line, "input ", 6) == 0) {
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", inbox, a);
            read_input(path);
        } else if (sscanf(line, "doc %15s %4095s %ld", kind, b, &size) == 3) {
            int order = strcmp(kind, "orders") == 0;
            write_atomically(order ? orders : errors, b, size);
        } else if (sscanf(line, "commit %ld", &size) == 1) {
            if (mode == SYNC_GROUP && syncfs(fsfd) != 0) die("syncfs", outbox);
            if (mode == SYNC_FILE) {
                for (int i = 0; i < nwritten; i++) sync_file(written[i]);
                nwritten = 0;
                sync_dir(orders);
                sync_dir(errors);
                sync_dir(inputs);
            }
            write_all(jfd, size, journal);
            if (mode != SYNC_NONE && fsync(jfd) != 0) die("sync", journal);
        } else if (sscanf(line, "done %4095s %63s", a, dest) == 2) {
            char from[8192], to[8192];
            int archived = strcmp(dest, "archive") == 0;
            snprintf(from, sizeof from, "%s/%s", inbox, a);
            snprintf(to, sizeof to, "%s/%s", archived ? archive : rejected, a);
            if (rename(from, to) != 0) die("rename", from);
            if (mode == SYNC_FILE) {
                sync_dir(archived ? archive : rejected);
                sync_dir(inbox);
            }
        }
    }
    if (mode == SYNC_GROUP && syncfs(fsfd) != 0) die("syncfs", outbox);
    fclose(manifest);
    close(jfd);
    return 0;
}
