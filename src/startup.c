/*
 * startup.c — reading and writing the text startup-config (see startup.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "startup.h"
#include "strbuf.h"

int
startup_read(const char *path, struct strbuf *text, struct strbuf *err)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	size_t want;

	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		sb_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) < 0) {
		sb_printf(err, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		sb_printf(err, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((size_t)sb.st_size > STARTUP_MAX_BYTES) {
		sb_printf(err, "%s: %lld bytes, more than the %zu a startup-config may have", path,
		    (long long)sb.st_size, STARTUP_MAX_BYTES);
		close(fd);
		return -1;
	}
	/* the size is a hint: the file may change under us, never past the cap */
	want = (size_t)sb.st_size + 1;
	for (;;) {
		ssize_t n;

		sb_grow(text, want);
		n = read(fd, text->s + text->len, text->cap - text->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			sb_printf(err, "%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		text->len += (size_t)n;
		text->s[text->len] = '\0';
		if (text->len > STARTUP_MAX_BYTES) {
			sb_printf(err, "%s: more than the %zu bytes a startup-config may have", path,
			    STARTUP_MAX_BYTES);
			close(fd);
			return -1;
		}
		want = 65536;
	}
	close(fd);
	return text->len > 0 ? 1 : 0;
}

static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The directory that holds path, synced so that a rename or unlink in it
 * survives a crash. */
static void
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		abort();
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* A bind-mounted file cannot be replaced by rename: it is rewritten. */
static int
write_in_place(const char *path, const char *text, size_t len, struct strbuf *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);

	if (fd < 0 || write_all(fd, text, len) < 0 || ftruncate(fd, (off_t)len) < 0 ||
	    fsync(fd) < 0) {
		sb_printf(err, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
startup_write(const char *path, const char *text, size_t len, struct strbuf *err)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd, rc = -1;

	sb_printf(&tmp, "%s.new", path);
	/* a .new left by a kill is stale: it never replaced anything */
	unlink(tmp.s);
	fd = open(tmp.s, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		sb_printf(err, "%s: %s", tmp.s, strerror(errno));
		goto out;
	}
	if (write_all(fd, text, len) < 0 || fsync(fd) < 0) {
		sb_printf(err, "%s: %s", tmp.s, strerror(errno));
		close(fd);
		unlink(tmp.s);
		goto out;
	}
	close(fd);
	if (rename(tmp.s, path) < 0) {
		int e = errno;

		unlink(tmp.s);
		if (e == EBUSY)
			rc = write_in_place(path, text, len, err);
		else
			sb_printf(err, "%s: %s", path, strerror(e));
		goto out;
	}
	sync_dir(path);
	rc = 0;
out:
	sb_free(&tmp);
	return rc;
}

int
startup_erase(const char *path, struct strbuf *err)
{
	if (unlink(path) < 0) {
		if (errno == ENOENT)
			return 0;
		if (errno == EBUSY) {
			/* bind-mounted: emptied, which boots as no startup-config */
			if (truncate(path, 0) == 0)
				return 0;
		}
		sb_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	sync_dir(path);
	return 0;
}
