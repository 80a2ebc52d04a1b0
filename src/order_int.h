/*
 * order_int.h - private: the order regime's record, shared by its two
 * files (order.c, the gate and the phase; unsc.c, the Security Council).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ORB_ORDER_INT_H
#define ORB_ORDER_INT_H

#include "run_int.h"

typedef struct orbi_order {
    size_t council[ORB_UNSC_MEMBERS]; /* this year's Council, the permanent members first */
    size_t ncouncil, nelected;
    int *last_seat;         /* [n] last year on the Council, 0 never */
    int *term_start;        /* [n] first year of the current or last term */
    orb_action_record *log; /* [ORB_ACTION_LOG] this year's actions */
    size_t nlog;
    double *delta;        /* [n] work space: threat deltas */
    double *lngdp;        /* [n] work space: ln GDP */
    double *lncinc;       /* [n] work space: ln CINC share, NaN if none */
    unsigned char *under; /* [n] work space: 1 under unilateral sanctions, 2 UN, 3 both */
} orbi_order;

/* The order record of a run. */
#define ORBI_ORDER(r) ((orbi_order *)(r)->ps[ORBI_PH_ORDER])

/* The factor exp(h c) by which the engine raises the record's rate of an
 * action `rule` restricts (h its enforcement in the record; order.c). */
ORB_INTERNAL double orbi_order_rate(const orb_run *r, orb_rule rule);

/* Seat this year's Council (the data, then the election rule). */
ORB_INTERNAL void orbi_unsc_seat(orb_run *r, orbi_order *o);
/* Put a draft to the Council; 1 if adopted. Counts it in the metrics. */
ORB_INTERNAL int orbi_unsc_vote(orb_run *r, const orbi_order *o, orb_resolution kind,
                                size_t sponsor, size_t target);

#endif /* ORB_ORDER_INT_H */
