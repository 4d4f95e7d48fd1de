/* ma-resources.h: the data files compiled into the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the core GResource (SQL, reference and sample data, map) once. */
void ma_resources_register (void);

G_END_DECLS
