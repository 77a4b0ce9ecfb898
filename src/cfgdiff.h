/*
 * cfgdiff.h — configurations as trees of lines (indentation is nesting),
 * and the differences between two of them: printed for people
 * (show running-config diff) or as the commands that turn one into the
 * other (configure replace, configure rollback).
 */
#ifndef PMIPSIM_CFGDIFF_H
#define PMIPSIM_CFGDIFF_H

struct strbuf;

struct cnode {
	char *text;		/* the line without its indentation; NULL for the root */
	struct cnode *kids;
	int nkids, cap;
};

/* Parses a rendered configuration; "!", "end", "version" and the
 * "Building"/"Current configuration" header lines are left out.  The
 * caller frees the result with cfg_tree_free. */
struct cnode *cfg_tree_parse(const char *text);
void cfg_tree_free(struct cnode *root);

/* IOS contextual diff from old to new: "+line" for lines only in new,
 * "-line" for lines only in old, each under the block headers leading to
 * it.  Appends "!No changes were found\n" when they are the same.  Returns
 * the number of differing lines. */
int cfg_diff_print(const struct cnode *old, const struct cnode *new, struct strbuf *out);

/* The commands (one per line, nesting by indentation, as a configuration
 * file) that change cur into target when run in global configuration
 * mode: removals ("no ...") first, then additions. */
void cfg_diff_script(const struct cnode *cur, const struct cnode *target, struct strbuf *out);

#endif
