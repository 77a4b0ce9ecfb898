/*
 * labrun.h — bringing a lab up and tearing it down: the work behind
 * "pmiplab up" and "pmiplab down", and the pmipd checks "status" shares.
 */
#ifndef PMIPLAB_LABRUN_H
#define PMIPLAB_LABRUN_H

#include <stdbool.h>

#include "lab/labstate.h"

/* pmiplab up [--reset] FILE: 0, or 1 after saying what failed and removing
 * what was made.  Each router runs on its saved startup-config
 * (lab_saved_config), copied from the topology's at the first up and, with
 * reset, again. */
int labrun_up(const char *path, bool reset);

/*
 * Removes everything the lab's state names: its pmipd processes (only while
 * they are still the pmipd started for the node), its namespaces and so
 * its veth pairs, and its state directory.  -1 after saying what is left.
 */
int labrun_teardown(struct lab *l);

/* Is the node's recorded pmipd alive and still that node's pmipd? */
bool labrun_pmipd_alive(const struct lab *l, const struct lab_node *n);

#endif
