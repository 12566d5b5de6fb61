#ifndef MOTCUA_CLIBPQ_SHIM_H
#define MOTCUA_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
