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
    double *lngdp;        /* [n] work space: ln share of world GDP */
    double *ipsan;        /* [n] work space: the ideal point the sanction logit reads (0 if
                             none) */
    double *lnout, *lnin; /* [n] ln(1 + a state's targets), ln(1 + its senders): the
                             sanctions in force in the start year, held as traits */
    double *lncinc;       /* [n] work space: ln CINC share, NaN if none */
    unsigned char *under; /* [n] work space: 2 under UN sanctions */
    /* a row's proposals (orbi_sparse_draw): sanctions (s*) and interference (i*) */
    double *seta, *ieta;          /* [n] log-odds of the pairs at risk (the proposal's) */
    size_t *sj, *ij_;             /* [n] their j */
    unsigned char *shit, *ihit;   /* [n] proposed */
    unsigned char *sprop, *iprop; /* [n] by j: proposed this year */
} orbi_order;

/* The order record of a run. */
#define ORBI_ORDER(r) ((orbi_order *)(r)->ps[ORBI_PH_ORDER])

/* The shift h c of the log-odds at which the engine proposes an action
 * `rule` restricts, over the record's (h the rule's enforcement in the
 * record; order.c). */
ORB_INTERNAL double orbi_order_shift(const orb_run *r, orb_rule rule);
/* The probability that a proposed action goes ahead: with the record's
 * log-odds eta, the proposal made at eta + h c, and the rule at effective
 * enforcement e: logistic(eta + (h - e) c) / logistic(eta + h c); for an
 * action proposed for certain (eta NaN), min(1, exp(-(e - h) c)). */
ORB_INTERNAL double orbi_order_accept(const orb_run *r, orb_rule rule, double eta, double e);

/* Seat this year's Council (the data, then the election rule). */
ORB_INTERNAL void orbi_unsc_seat(orb_run *r, orbi_order *o);
/* A draft of `kind` against target, penned by sponsor (other: the victim or
 * the other party, which with the rest keys the draft's draw): negotiated,
 * then adopted whole (1), or adopted weakened, withdrawn, or forced to a
 * vote and lost (0). Counts it in the metrics (unsc.c). */
ORB_INTERNAL int orbi_unsc_draft(orb_run *r, const orbi_order *o, orb_resolution kind,
                                 size_t sponsor, size_t target, size_t other);
/* The penholder of a draft against target over victim: victim if it sits
 * on the Council, else the member (not target) that sides most with the
 * victim against the target; (size_t)-1 if none. */
ORB_INTERNAL size_t orbi_unsc_penholder(const orb_run *r, const orbi_order *o, size_t target,
                                        size_t victim);

#endif /* ORB_ORDER_INT_H */
