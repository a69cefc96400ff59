/* The cmark-alone limit for `make bench`: renders every Markdown file of a folder with
 * cmark_markdown_to_html on N threads and writes each HTML file, as permdocs must.
 *
 *   cmark-limit IN_DIR OUT_DIR THREADS [unsafe]
 *
 * With `unsafe`, raw HTML passes through (CMARK_OPT_UNSAFE): the input is then permdocs' expanded
 * Markdown, whose directives are already HTML blocks, and the files written are the size of
 * permdocs' pages without the layout.
 */
#include <cmark.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **names;
static size_t count;
static const char *in_dir, *out_dir;
static size_t threads;
static int options = CMARK_OPT_DEFAULT;

static void *work(void *arg) {
    size_t t = (size_t)arg;
    char path[4096];
    for (size_t i = t; i < count; i += threads) {
        snprintf(path, sizeof path, "%s/%s", in_dir, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f) { perror(path); exit(2); }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *buf = malloc((size_t)n + 1);
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) { perror(path); exit(2); }
        fclose(f);
        char *html = cmark_markdown_to_html(buf, (size_t)n, options);
        snprintf(path, sizeof path, "%s/%s.html", out_dir, names[i]);
        FILE *o = fopen(path, "wb");
        if (!o) { perror(path); exit(2); }
        fputs(html, o);
        fclose(o);
        free(html);
        free(buf);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 4 && !(argc == 5 && strcmp(argv[4], "unsafe") == 0)) {
        fprintf(stderr, "usage: cmark-limit IN_DIR OUT_DIR THREADS [unsafe]\n");
        return 2;
    }
    in_dir = argv[1]; out_dir = argv[2]; threads = (size_t)atoi(argv[3]);
    if (argc == 5) options |= CMARK_OPT_UNSAFE;
    DIR *d = opendir(in_dir);
    if (!d) { perror(in_dir); return 2; }
    size_t cap = 1024;
    names = malloc(cap * sizeof *names);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (count == cap) { cap *= 2; names = realloc(names, cap * sizeof *names); }
        names[count++] = strdup(e->d_name);
    }
    closedir(d);
    pthread_t *tids = malloc(threads * sizeof *tids);
    for (size_t t = 0; t < threads; t++) pthread_create(&tids[t], NULL, work, (void *)t);
    for (size_t t = 0; t < threads; t++) pthread_join(tids[t], NULL);
    printf("%zu files\n", count);
    return 0;
}
