#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""build_data.py: build orbis's compact tables in data/ from the raw sets in ORBIS_DATA.

Usage: tools/build_data.py [--data DIR] [--out DIR]

Reads (all under DIR, default $ORBIS_DATA or ../shared/data):
  cow_nmc/NMC-70-abridged_via_peacesciencer.csv   COW NMC v7.0 (1816-2022)
  cow_states/cow_country_codes.csv                COW state names and abbreviations
  cow_states/majors2016.csv                       COW major powers, v2016
  cow_states/gw_states.csv                        Gleditsch-Ward state list (to 2017)
  unga_idealpoints/IdealpointsJuly2025.csv        ccode <-> iso3c per year
  country_groups/g77.csv                          G77 (+ China) members, ISO3
  country_groups/un-regional-groups.csv           UN electoral groups, ISO3
  economy_worldbank/gdp.csv, population.csv       WDI NY.GDP.MKTP.CD, SP.POP.TOTL
  economy_fariss_sim/cw_gdppop.csv                Fariss et al. (2022) GDP, 1816-2019
  cow_geography/cow_capitals.csv                  capitals with dates and coordinates
  cameo/CAMEO.goldsteinscale.txt, CAMEO.eventcodes.txt   CAMEO codes, Goldstein weights
  cow_geography/cow_contdir_v3.2.csv              COW direct contiguity v3.2 (to 2016)
  alliances_atop/atop5_1_ddyr.csv                 ATOP v5.1 dyad-years (to 2018)
  recent_memberships/memberships_2015_2025.csv    NATO accessions after 2018
  conflict_mid/cow_mid_dirdisps_5.0.csv           COW MID 5.0 dispute onsets (to 2014)
  unsc/security_council_non_permanent.csv         elected UNSC members 1946-2019 (UN names)
  recent_memberships/unsc_elected_2019_2026.csv   elected UNSC members 2019-2026 (COW codes)
  unsc/unsc_vetoes_1946_sept2022.csv              vetoed draft resolutions, 1946-2022
  rivalries/tss_rivalries.csv                     strategic rivalries 1494-2020

Writes (to OUT, default data/ beside this script's folder):
  states.csv        one row per COW state ever in NMC v7
  crosswalk.csv     COW <-> Gleditsch-Ward <-> ISO3 spells, by year
  wars.csv          interstate armed conflicts by year and pair (UCDP/PRIO ACD)
  rivalries.csv     strategic rivalries by pair and spell (Thompson, Sakuwa & Suhas 2021)
  baseline2022.csv  the 2022 baseline: six NMC components, CINC, GDP, population
  majors.csv        COW major-power spells (v2016)
  p5.csv            permanent UNSC seat holders by year (UN Charter Art. 23)
  capitals.csv      capital coordinates of each COW state, by spell of years
  cameo.csv         CAMEO event codes with their Goldstein (1992) weights
  unsc.csv          the ten elected Security Council members of each year, 1946-2026
  vetoes.csv        vetoed draft resolutions: year, draft number, vetoing member (COW code)
  dyads2022.csv     pairs of 2022 states that are contiguous, in a defence pact or
                    have had a militarised dispute (year of the last onset)

Every rule used here is documented in data/README.md. Only the Python standard
library is used, so the script runs on the stock interpreter.
"""
import argparse
import collections
import csv
import math
import os
import sys

BASE_YEAR = 2022
NMC_FIRST_YEAR = 1816
COMPONENTS = ["milex", "milper", "irst", "pec", "tpop", "upop"]

# UN Charter, Article 23(1): the five permanent members of the Security Council.
P5 = {2, 200, 220, 365, 710}
# Who held each permanent seat, by year (seat holder at the end of the year).
# The Security Council first met in January 1946. China's seat was held by the
# Republic of China, which COW codes 710 until 1948 and 713 (Taiwan) from its
# 1949 entry, until General Assembly resolution 2758 (25 October 1971) gave it
# to the People's Republic (COW 710). The Russian Federation continued the
# USSR's seat in 1991; COW codes both 365.
P5_SPELLS = [(2, 1946, 9999), (200, 1946, 9999), (220, 1946, 9999),
             (365, 1946, 9999), (710, 1946, 1948), (713, 1949, 1970),
             (710, 1971, 9999)]

# ISO3-like codes for states the UNGA ideal-point file does not cover.
# Kosovo has no ISO 3166-1 code; XKX is the code the World Bank uses (WDI).
# Taiwan's ISO 3166-1 alpha-3 code is TWN.
ISO3_SUPPLEMENT = {347: "XKX", 713: "TWN"}

# The ideal-point file codes COW 345 as "YUG" in every year, but ISO 3166-1
# withdrew YUG; Serbia has been SRB since 2006 (ISO 3166 Maintenance Agency
# newsletter VI-1), which is the code the World Bank and the UN lists use.
# (ccode, first year, last year) -> iso3, applied before the file's own value.
ISO3_OVERRIDES = [(345, 2006, 9999, "SRB")]

# Where Gleditsch & Ward (1999, "A revised list of independent states since
# the congress of Vienna", International Interactions 25(4)) number a state
# differently from COW. (ccode, first year, last year) -> gwcode.
GW_EXCEPTIONS = [
    (255, 1990, 9999, 260),  # united Germany continues the GFR in G&W
    (345, 1878, 1915, 340),  # pre-1918 Serbia is G&W 340
    (345, 2006, 9999, 340),  # Serbia after Montenegro's exit is G&W 340
    (679, 1990, 9999, 678),  # unified Yemen continues the YAR (678) in G&W
]
GW_LAST_YEAR_ONGOING = 2017  # gw_states.csv ends ongoing spells on 2017-12-31

# Imputation rules for the baseline GDP (see data/README.md, "Baseline GDP").
CONT_LAST_YEAR = 2016  # COW contiguity v3.2 ends spells still running on 2016-12-01
ATOP_LAST_YEAR = 2018  # ATOP v5.1 ends in 2018; NATO accessions after it come from recent_memberships
NATO_ANCHOR = 20       # NATO in ATOP = Canada and its defence partners (Canada's only pacts are NATO's)
# UN names in the elected-members file that neither the UN regional-group list
# nor the COW state names spell the same way: name -> ISO3 (or COW code).
UN_NAME_ALIASES = {
    "côte d'ivoire": "CIV", "iran (islamic republic of)": "IRN",
    "libyan arab jamahiriya": "LBY", "republic of korea": "KOR",
    "syrian arab republic": "SYR", "united republic of tanzania": "TZA",
    "venezuela (bolivarian republic of)": "VEN", "viet nam": "VNM",
    "east germany": 265, "united arab republic": 651,
}
# GSDB sender and target names that neither the UN regional-group list nor the
# COW state names spell the same way: name -> ISO3 (or COW code). Names with a
# comma ("Korea, North") are matched before a list is split at its commas.
GSDB_ALIASES = {
    "united states": "USA", "cote d'ivoire": "CIV", "korea, north": 731, "korea, south": 732,
    "congo, democratic republic of the": 490, "egypt, arab rep.": 651, "gambia, the": 420,
    "serbia": 345, "fry": 345, "malagasy republic": 580, "south vietnam": 817,
    "ethiopia (excludes eritrea)": 530, "congo (brazzaville)": 484, "antigua and barbuda": 58,
    "iran, islamic rep.": "IRN", "yemen, rep.": "YEM", "venezuela, rb": "VEN",
    "bahamas, the": 31, "micronesia, fed. sts.": 987, "lao pdr": "LAO", "syrian arab republic": "SYR",
    "russian federation": "RUS", "kyrgyz republic": "KGZ", "slovak republic": "SVK",
    "soviet union": 365, "rhodesia": 552, "transjordan": 663, "malaya": 820, "ceylon": 780,
    "north vietnam": 816, "vietnam, north": 816, "vietnam, south": 817, "yemen, north": 678,
    "yemen, south": 680,
}
# Senders and targets that are not states (organisations, groups, the UN): a
# case with one among its senders is left out of the dyadic sanctions table (a
# Council case is not a state's unilateral sanction; EU cases, with the states
# that align with them, have no member list in ../shared); a non-state target
# is dropped from its case.
GSDB_NOT_STATES = {
    "eu", "un", "african union", "ecowas", "commonwealth", "csce", "osce", "g8",
    "league of arab states", "organisation of african unity", "balkans", "nafta",
    "icc rome statute signatories", "pacific islands forum", "organization of american states",
    "sadc", "mercosur", "unasur", "oic", "kimberly process participants", "palestine",
    "eec", "gibraltar", "hong kong", "cocom", "comecon", "nato", "chincom", "oapec",
    "western countries", "cyprus (northern)", "organization of eastern carribean states",
    "paris agreement signatories", "western balkans", "eeu", "g7",
}
VETO_MEMBERS = {"USA": 2, "UK": 200, "France": 220, "USSR": 365, "Russia": 365, "China": 710}
UNSC_SWITCH_YEAR = 2020  # from this year on the recent_memberships file (COW codes) is used
TREND_YEARS = 5  # baseline keeps tpop/upop this many years back (orb_state trends)
POP_TREND_YEARS = 10  # yearly population growth rates whose trend starts a run (ORB_POP_TREND_YEARS)
IDEAL_MEAN_FROM, IDEAL_MEAN_TO = 1992, 2019  # include/orbis/data.h ORB_IDEAL_MEAN_*
WB_CARRY_WINDOW = 5  # carry a World Bank value forward at most this many years


def cow_region(ccode):
    """Region from the COW state-numbering blocks (COW State System codebook)."""
    if ccode < 200:
        return "Americas"
    if ccode < 400:
        return "Europe"
    if ccode < 630:
        return "Africa"
    if ccode < 700:
        return "Middle East"
    if ccode < 900:
        return "Asia"
    return "Oceania"


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(s):
    return None if s in ("", "-9", "NA") else float(s)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("ORBIS_DATA",
                    os.path.join(here, "..", "..", "shared", "data")))
    ap.add_argument("--out", default=os.path.join(here, "..", "data"))
    a = ap.parse_args()
    D = lambda *p: os.path.join(a.data, *p)

    nmc = read_csv(D("cow_nmc", "NMC-70-abridged_via_peacesciencer.csv"))
    names = {int(r["ccode"]): (r["stateabb"], r["statenme"])
             for r in read_csv(D("cow_states", "cow_country_codes.csv"))}
    gw = collections.defaultdict(list)
    for r in read_csv(D("cow_states", "gw_states.csv")):
        y0 = int(r["startdate"][:4])
        y1 = int(r["enddate"][:4])
        if y1 >= GW_LAST_YEAR_ONGOING:
            y1 = 9999
        gw[int(r["gwcode"])].append((y0, y1))
    iso_year = {}
    iso_any = collections.defaultdict(collections.Counter)
    for r in read_csv(D("unga_idealpoints", "IdealpointsJuly2025.csv")):
        if r["iso3c"]:
            c = int(r["ccode"])
            iso_year[(c, int(r["year"]))] = r["iso3c"]
            iso_any[c][r["iso3c"]] += 1
    g77 = {r["Code"] for r in read_csv(D("country_groups", "g77.csv"))}
    ungroup = {r["Code"]: r["Region"]
               for r in read_csv(D("country_groups", "un-regional-groups.csv"))}

    years_of = collections.defaultdict(list)
    for r in nmc:
        years_of[int(r["ccode"])].append(int(r["year"]))

    def iso3_for(c, y):
        for (oc, o0, o1, iso) in ISO3_OVERRIDES:
            if c == oc and o0 <= y <= o1:
                return iso
        if (c, y) in iso_year:
            return iso_year[(c, y)]
        if iso_any[c]:
            return iso_any[c].most_common(1)[0][0]
        return ISO3_SUPPLEMENT.get(c, "")

    def gw_for(c, y):
        for (ec, e0, e1, g) in GW_EXCEPTIONS:
            if c == ec and e0 <= y <= e1:
                return g
        for (y0, y1) in gw.get(c, []):
            if y0 <= y <= y1:
                return c
        return None

    # --- crosswalk spells --------------------------------------------------
    xw = []
    for c in sorted(years_of):
        cur = None
        for y in sorted(years_of[c]):
            key = (gw_for(c, y), iso3_for(c, y))
            if cur and cur[0] == key and cur[2] == y - 1:
                cur[2] = y
            else:
                if cur:
                    xw.append((c, cur[0], cur[1], cur[2]))
                cur = [key, y, y]
        xw.append((c, cur[0], cur[1], cur[2]))

    # --- states ---------------------------------------------------------------
    states = []
    for c in sorted(years_of):
        last = max(years_of[c])
        iso = iso3_for(c, last)
        g = gw_for(c, last)
        abb, name = names[c]
        states.append({
            "ccode": c, "stateabb": abb, "name": name, "iso3": iso,
            "gwcode": "" if g is None else g, "region": cow_region(c),
            "un_group": ungroup.get(iso, ""),
            "global_south": 1 if iso in g77 else 0,
            "p5": 1 if c in P5 else 0,
            "first_year": min(years_of[c]), "last_year": last,
        })

    # --- major powers (COW v2016; a spell covers every year it touches) ----
    # A spell that ends 2016-12-31 is open at the end of the list; the 2016
    # list is kept after 2016 (to_year 9999 = ongoing).
    majors = [{"ccode": int(r["ccode"]), "from_year": int(r["styear"]),
               "to_year": 9999 if (r["endyear"], r["endmonth"], r["endday"]) ==
               ("2016", "12", "31") else int(r["endyear"])}
              for r in read_csv(D("cow_states", "majors2016.csv"))]

    # --- baseline ---------------------------------------------------------
    wb_gdp = collections.defaultdict(dict)
    for r in read_csv(D("economy_worldbank", "gdp.csv")):
        wb_gdp[r["Country Code"]][int(r["Year"])] = float(r["Value"])
    wb_pop = collections.defaultdict(dict)
    for r in read_csv(D("economy_worldbank", "population.csv")):
        wb_pop[r["Country Code"]][int(r["Year"])] = float(r["Value"])
    fariss = {}
    fariss_pc = {}
    for r in read_csv(D("economy_fariss_sim", "cw_gdppop.csv")):
        if r["pwtrgdp"] not in ("", "NA"):
            fariss[(int(r["ccode"]), int(r["year"]))] = float(r["pwtrgdp"])
        if r["mrgdppc"] not in ("", "NA") and float(r["mrgdppc"]) > 0:
            fariss_pc[(int(r["ccode"]), int(r["year"]))] = float(r["mrgdppc"])
    fariss_last = max(y for (_, y) in fariss)
    # Real GDP (constant 2015 USD, WDI via OWID) to carry the PPP series past
    # fariss_last with real growth; OWID codes Kosovo OWID_KOS.
    wdi_real = collections.defaultdict(dict)
    for r in read_csv(D("economy_realgdp", "wdi_gdp_constant2015usd.csv")):
        code = "XKX" if r["Code"] == "OWID_KOS" else r["Code"]
        if r["GDP"] not in ("", "NA"):
            wdi_real[code][int(r["Year"])] = float(r["GDP"])

    base = [r for r in nmc if int(r["year"]) == BASE_YEAR]
    # UNGA ideal point of the base year, else the latest of the WB_CARRY_WINDOW
    # years before it (Venezuela lost its vote in 2022); none for non-members.
    ideal = {}
    # The state's long-run ideal point: the mean over the relations estimation
    # window (include/orbis/data.h ORB_IDEAL_MEAN_FROM..TO; src/dyads.c the same).
    ideal_sum = collections.defaultdict(lambda: [0.0, 0])
    for r in read_csv(D("unga_idealpoints", "IdealpointsJuly2025.csv")):
        y = int(r["year"])
        if IDEAL_MEAN_FROM <= y <= IDEAL_MEAN_TO and r["idealpointall"] not in ("", "NA"):
            ideal_sum[int(r["ccode"])][0] += float(r["idealpointall"])
            ideal_sum[int(r["ccode"])][1] += 1
        if BASE_YEAR - WB_CARRY_WINDOW <= y <= BASE_YEAR and r["idealpointall"] not in ("", "NA"):
            c = int(r["ccode"])
            if c not in ideal or y > ideal[c][0]:
                ideal[c] = (y, r["idealpointall"])
    prev = {int(r["ccode"]): r for r in nmc if int(r["year"]) == BASE_YEAR - TREND_YEARS}
    st_iso = {s["ccode"]: s["iso3"] for s in states}
    # Conversion factor k: world GDP (WB, current USD, BASE_YEAR) over world
    # GDP (Fariss, 2017 PPP USD, last year) for states present in both.
    num_k = den_k = 0.0
    n_k = 0
    for r in base:
        c = int(r["ccode"])
        iso = st_iso[c]
        if BASE_YEAR in wb_gdp.get(iso, {}) and (c, fariss_last) in fariss:
            num_k += wb_gdp[iso][BASE_YEAR]
            den_k += fariss[(c, fariss_last)] * 1e6
            n_k += 1
    k = num_k / den_k

    out = []
    for r in base:
        c = int(r["ccode"])
        iso = st_iso[c]
        row = {"ccode": c, "stateabb": r["stateabb"]}
        for comp in COMPONENTS:
            row[comp] = r[comp]
        row["cinc"] = r["cinc"]
        row["idealpoint"], row["idealpoint_year"] = (ideal[c][1], ideal[c][0]) if c in ideal \
            else ("", "")
        row["ideal_mean"] = repr(ideal_sum[c][0] / ideal_sum[c][1]) if ideal_sum[c][1] else ""
        for comp in ("tpop", "upop"):
            v = prev.get(c, {}).get(comp, "")
            row[comp + "_prev"] = "" if v in ("", "-9", "NA") else v
        # Trend of real GDP per capita (Fariss mrgdppc) over the TREND_YEARS
        # years to its last year; the C panel computes the same for other years.
        a1, a0 = fariss_pc.get((c, fariss_last)), fariss_pc.get((c, fariss_last - TREND_YEARS))
        row["gdppc_trend"] = repr(math.log(a1 / a0) / TREND_YEARS) if a1 and a0 else ""
        g = wb_gdp.get(iso, {})
        prior = [y for y in g if BASE_YEAR - WB_CARRY_WINDOW <= y <= BASE_YEAR]
        if BASE_YEAR in g:
            row["gdp"], row["gdp_source"] = repr(g[BASE_YEAR]), "wb"
        elif prior:
            y = max(prior)
            row["gdp"], row["gdp_source"] = repr(g[y]), "wb%d" % y
        elif (c, fariss_last) in fariss:
            row["gdp"] = repr(fariss[(c, fariss_last)] * 1e6 * k)
            row["gdp_source"] = "fariss%d" % fariss_last
        else:
            sys.exit("build_data: no GDP source for ccode %d in %d" % (c, BASE_YEAR))
        # Real GDP, 2017 PPP USD (the panel's GDP power measure): Fariss et al.
        # to fariss_last, then moved by real growth (WDI constant-2015-USD
        # GDP); where that series lacks either year, GDP per capita is carried
        # with population (World Bank); else the level is carried. The C panel
        # loader applies the same rule; a test checks they agree.
        fl = fariss.get((c, fariss_last))
        rg = wdi_real.get(iso, {})
        pp = wb_pop.get(iso, {})
        if fl is None:
            row["gdp_ppp"], row["gdp_ppp_source"] = "", ""
        elif BASE_YEAR in rg and fariss_last in rg:
            row["gdp_ppp"] = repr(fl * 1e6 * (rg[BASE_YEAR] / rg[fariss_last]))
            row["gdp_ppp_source"] = "fariss%d*wdireal" % fariss_last
        elif BASE_YEAR in pp and fariss_last in pp:
            row["gdp_ppp"] = repr(fl * 1e6 * (pp[BASE_YEAR] / pp[fariss_last]))
            row["gdp_ppp_source"] = "fariss%d*pop" % fariss_last
        else:
            row["gdp_ppp"] = repr(fl * 1e6)
            row["gdp_ppp_source"] = "fariss%d" % fariss_last
        p = wb_pop.get(iso, {})
        # Population growth in the base year and its trend, the OLS slope of
        # the POP_TREND_YEARS yearly growth rates to it (orbi_pop_trend in C).
        row["pop_growth"] = row["pop_trend"] = ""
        ys = range(BASE_YEAR - POP_TREND_YEARS, BASE_YEAR + 1)
        if all(p.get(y, 0) > 0 for y in ys):
            gr = [math.log(p[y + 1] / p[y]) for y in ys[:-1]]
            xm = (POP_TREND_YEARS - 1) / 2.0
            gm = 0.0
            for v in gr:
                gm += v
            gm /= POP_TREND_YEARS
            sxy = sxx = 0.0
            for j, v in enumerate(gr):
                sxy += (j - xm) * (v - gm)
                sxx += (j - xm) * (j - xm)
            row["pop_growth"], row["pop_trend"] = repr(gr[-1]), repr(sxy / sxx)
        if BASE_YEAR in p:
            row["pop"], row["pop_source"] = repr(p[BASE_YEAR]), "wb"
        else:
            row["pop"], row["pop_source"] = repr(float(r["tpop"]) * 1000.0), "nmc"
        out.append(row)

    # Capitals: one row per spell, years taken from the start and end dates.
    capitals = [{"ccode": int(r["ccode"]), "from_year": int(r["stdate"][:4]),
                 "to_year": int(r["enddate"][:4]), "lat": r["lat"], "lon": r["lng"]}
                for r in read_csv(D("cow_geography", "cow_capitals.csv"))]
    capitals.sort(key=lambda x: (x["ccode"], x["from_year"]))

    # CAMEO codes (kept as text: "010" and "10" differ) with Goldstein weights.
    def read_tsv(path):
        with open(path, encoding="utf-8") as f:
            rows = [line.rstrip("\r\n").split("\t") for line in f]
        return {r[0].strip(): r[1].strip() for r in rows[1:] if len(r) >= 2 and r[0].strip()}
    gold = read_tsv(D("cameo", "CAMEO.goldsteinscale.txt"))
    desc = read_tsv(D("cameo", "CAMEO.eventcodes.txt"))
    cameo = [{"code": c, "goldstein": gold[c], "description": desc.get(c, "")}
             for c in sorted(gold)]

    # Dyads of the base year: contiguity (spells running at the end of v3.2 are
    # taken as still running) and ATOP defence pacts (2018, plus NATO accessions
    # from recent_memberships up to the base year). Rules in data/README.md.
    in_base = {int(r["ccode"]) for r in base}
    def end_year(e):
        y = int(e[:4])
        return 9999 if y >= CONT_LAST_YEAR else y
    cont = {}
    for r in read_csv(D("cow_geography", "cow_contdir_v3.2.csv")):
        c1, c2 = int(r["ccode1"]), int(r["ccode2"])
        if c1 in in_base and c2 in in_base and c1 != c2 and r["conttype"] != "0" and \
                int(r["stdate"][:4]) <= BASE_YEAR <= end_year(r["enddate"]):
            pair = (min(c1, c2), max(c1, c2))
            cont[pair] = min(cont.get(pair, 9), int(r["conttype"]))
    defense = set()
    for r in read_csv(D("alliances_atop", "atop5_1_ddyr.csv")):
        if int(r["year"]) == ATOP_LAST_YEAR and r["atop_defense"] == "1":
            c1, c2 = int(r["ccode1"]), int(r["ccode2"])
            if c1 in in_base and c2 in in_base:
                defense.add((min(c1, c2), max(c1, c2)))
    nato = {NATO_ANCHOR} | {b for (x, b) in defense if x == NATO_ANCHOR} | \
        {x for (x, b) in defense if b == NATO_ANCHOR}
    for r in read_csv(D("recent_memberships", "memberships_2015_2025.csv")):
        y = int(r["date"][:4])
        if r["group"] == "NATO" and r["event"] == "join" and ATOP_LAST_YEAR < y <= BASE_YEAR:
            c = int(r["ccode"])
            for m in nato:
                if m != c:
                    defense.add((min(c, m), max(c, m)))
            nato.add(c)
    last_mid = {}
    for r in read_csv(D("conflict_mid", "cow_mid_dirdisps_5.0.csv")):
        c1, c2, y = int(r["ccode1"]), int(r["ccode2"]), int(r["year"])
        if r["disponset"] == "1" and c1 in in_base and c2 in in_base and c1 != c2 and \
                y <= BASE_YEAR:
            pair = (min(c1, c2), max(c1, c2))
            last_mid[pair] = max(last_mid.get(pair, 0), y)
    dyads = [{"ccode1": a, "ccode2": b, "conttype": cont.get((a, b), 0),
              "defense": 1 if (a, b) in defense else 0, "last_mid": last_mid.get((a, b), 0)}
             for (a, b) in sorted(set(cont) | defense | set(last_mid))]

    # Elected Security Council members by year. The older file writes 2000 as
    # "2e3" (a spreadsheet export); it is read as a number.
    grp_iso = {r["Name"].strip().lower(): r["Code"]
               for r in read_csv(D("country_groups", "un-regional-groups.csv"))}
    name_cow = {s_["name"].strip().lower(): s_["ccode"] for s_ in states}

    def name_to_cow(key, y, aliases, what):
        """COW code of a lower-case country name in year y: an alias (ISO3 or
        COW code), else the UN regional-group list's ISO3, else a COW name."""
        alias = aliases.get(key)
        if isinstance(alias, int):
            return alias
        iso = alias or grp_iso.get(key)
        if iso:
            for (c, k2, y0, y1) in xw:
                if k2[1] == iso and y0 <= y <= y1:
                    return c
        if key in name_cow:
            return int(name_cow[key])
        sys.exit("build_data: no COW code for %s name %r (%d)" % (what, key, y))

    def un_to_cow(name, y):
        return name_to_cow(name.strip().lower(), y, UN_NAME_ALIASES, "UN")
    unsc = set()
    for r in read_csv(D("unsc", "security_council_non_permanent.csv")):
        y = int(float(r["year"]))
        if y < UNSC_SWITCH_YEAR:
            unsc.add((y, un_to_cow(r["country"], y)))
    for r in read_csv(D("recent_memberships", "unsc_elected_2019_2026.csv")):
        if int(r["year"]) >= UNSC_SWITCH_YEAR:
            unsc.add((int(r["year"]), int(r["ccode"])))
    unsc_rows = [{"year": y, "ccode": c} for (y, c) in sorted(unsc)]

    # Sanctions as sender-target pairs of states (GSDB release 3): one row per
    # pair per case, with the case's begin and end years.
    def gsdb_names(field):
        parts = [x.strip() for x in field.split(",") if x.strip()]
        out, i = [], 0
        while i < len(parts):
            two = (parts[i] + ", " + parts[i + 1]).lower() if i + 1 < len(parts) else None
            if two and two in GSDB_ALIASES:
                out.append(two)
                i += 2
            else:
                out.append(parts[i].lower())
                i += 1
        return out

    def gsdb_to_cow(key, y):
        if key in GSDB_NOT_STATES or key.startswith("terrorist organizations"):
            return None
        return name_to_cow(key, y, GSDB_ALIASES, "GSDB")
    sanc = set()
    for r in read_csv(D("sanctions_gsdb", "GSDB_V3.csv")):
        b, e = int(float(r["begin"])), int(float(r["end"]))
        senders = gsdb_names(r["sanctioning_state"])
        if any(gsdb_to_cow(sn, b) is None for sn in senders):
            continue  # an organisation's case (states aligned with an EU measure, etc.)
        for sn in senders:
            for tn in gsdb_names(r["sanctioned_state"]):
                cs, ct = gsdb_to_cow(sn, b), gsdb_to_cow(tn, b)
                if cs is not None and ct is not None and cs != ct:
                    sanc.add((cs, ct, b, e, int(r["case_id"])))
    # GSDB cases in force in the base year by kind of sender (reported, so the
    # start's coverage can be read against GSDB: docs/model.md, "The start year").
    kinds = collections.Counter()
    for r in read_csv(D("sanctions_gsdb", "GSDB_V3.csv")):
        b, e = int(float(r["begin"])), int(float(r["end"]))
        if not b <= BASE_YEAR <= e:
            continue
        senders = gsdb_names(r["sanctioning_state"])
        if "un" in senders:
            kinds["UN"] += 1
        elif "eu" in senders or "eec" in senders:
            kinds["EU"] += 1
        elif any(gsdb_to_cow(sn, b) is None for sn in senders):
            kinds["other organisation"] += 1
        else:
            kinds["states only"] += 1
    base_pairs = {(a, b_) for (a, b_, y0, y1, _) in sanc if y0 <= BASE_YEAR <= y1}
    print("build_data: GSDB cases in force in %d by sender: %s; state-sender pairs shipped: %d"
          % (BASE_YEAR, ", ".join("%s %d" % kv for kv in sorted(kinds.items())),
             len(base_pairs)), file=sys.stderr)
    # Every GSDB case by begin year (organisations' included: the universe the
    # sanction logit's intercept is set to) and those with the United States
    # among the senders: the backtest's US share on the same footing.
    all_cases = collections.Counter()
    us_cases = collections.Counter()
    for r in read_csv(D("sanctions_gsdb", "GSDB_V3.csv")):
        b = int(float(r["begin"]))
        all_cases[b] += 1
        us_cases[b] += any(gsdb_to_cow(sn, b) == 2 for sn in gsdb_names(r["sanctioning_state"]))
    case_rows = [{"year": y, "cases": all_cases[y], "us_cases": us_cases[y]}
                 for y in sorted(all_cases)]
    sanc_rows = [{"sender": a, "target": b_, "begin": y0, "end": y1, "case": k}
                 for (a, b_, y0, y1, k) in sorted(sanc, key=lambda x: (x[2], x[0], x[1], x[4]))]
    vetoes = []
    for draft, r in enumerate(read_csv(D("unsc", "unsc_vetoes_1946_sept2022.csv")), 1):
        for col in ("member_veto1", "member_veto2", "member_veto3"):
            if r[col].strip():
                if r[col].strip() not in VETO_MEMBERS:
                    sys.exit("build_data: unknown vetoing member %r" % r[col])
                vetoes.append({"year": int(r["year"]), "draft": draft,
                               "ccode": VETO_MEMBERS[r[col].strip()]})

    os.makedirs(a.out, exist_ok=True)

    # Interstate armed conflicts (UCDP/PRIO ACD 25.1): one row per year and
    # pair of opposing states (primary and secondary parties of side A against
    # those of side B), COW codes, the year's intensity (1: 25-999 battle
    # deaths, 2: war, 1,000 or more), the UCDP conflict id. Gleditsch-Ward
    # codes map to COW through the crosswalk's spells (the latest year's for
    # years after the NMC data).
    last_nmc = max(max(v) for v in years_of.values())
    gw_to_cow = {}
    for c in years_of:
        for y in range(1946, last_nmc + 1):
            g = gw_for(c, y)
            if g is not None:
                gw_to_cow[(g, y)] = c

    def cow_of(g, y):
        return gw_to_cow.get((g, min(y, last_nmc)))

    war_best = {}
    for r in read_csv(D("conflict_ucdp", "ucdp_acd_25.1.csv")):
        if r["type_of_conflict"] != "interstate":
            continue
        y = int(r["year"])
        side_a = [r["gwno_a"]] + r["gwno_a_2nd"].replace(",", " ").split()
        side_b = [r["gwno_b"]] + r["gwno_b_2nd"].replace(",", " ").split()
        ca = [cow_of(int(g), y) for g in side_a if g.strip()]
        cb = [cow_of(int(g), y) for g in side_b if g.strip()]
        for pa in ca:
            for pb in cb:
                if pa is None or pb is None or pa == pb:
                    continue
                key = (y, min(pa, pb), max(pa, pb))
                val = (int(r["intensity_level"]), int(r["conflict_id"]))
                if key not in war_best or val > war_best[key]:
                    war_best[key] = val
    war_rows = [{"year": y, "a": pa, "b": pb, "intensity": v[0], "conflict": v[1]}
                for (y, pa, pb), v in sorted(war_best.items())]

    # Strategic rivalries (Thompson, Sakuwa & Suhas 2021): one row per pair
    # and spell, COW codes ordered; an end of 2020 is the data's last year
    # (the rivalry goes on).
    riv = sorted({(min(int(r["ccode1"]), int(r["ccode2"])), max(int(r["ccode1"]), int(r["ccode2"])),
                   int(r["start"]), int(r["end"]))
                  for r in read_csv(D("rivalries", "tss_rivalries.csv"))})
    riv_rows = [{"ccode1": x[0], "ccode2": x[1], "start": x[2], "end": x[3]} for x in riv]

    def write(name, fields, rows):
        path = os.path.join(a.out, name)
        tmp = path + ".tmp"
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            for row in rows:
                w.writerow(row)
        os.replace(tmp, path)

    write("states.csv", ["ccode", "stateabb", "name", "iso3", "gwcode", "region",
                         "un_group", "global_south", "p5", "first_year", "last_year"],
          states)
    write("crosswalk.csv", ["ccode", "gwcode", "iso3", "from_year", "to_year"],
          [{"ccode": c, "gwcode": "" if key[0] is None else key[0],
            "iso3": key[1], "from_year": y0, "to_year": y1}
           for (c, key, y0, y1) in xw])
    write("baseline2022.csv", ["ccode", "stateabb"] + COMPONENTS +
          ["cinc", "gdp", "gdp_source", "gdp_ppp", "gdp_ppp_source", "pop",
           "pop_source", "tpop_prev", "upop_prev", "gdppc_trend", "idealpoint", "idealpoint_year",
           "pop_growth", "pop_trend", "ideal_mean"], out)
    write("dyads2022.csv", ["ccode1", "ccode2", "conttype", "defense", "last_mid"], dyads)
    write("unsc.csv", ["year", "ccode"], unsc_rows)
    write("vetoes.csv", ["year", "draft", "ccode"], vetoes)
    write("sanctions.csv", ["sender", "target", "begin", "end", "case"], sanc_rows)
    write("sanction_cases.csv", ["year", "cases", "us_cases"], case_rows)
    write("wars.csv", ["year", "a", "b", "intensity", "conflict"], war_rows)
    write("rivalries.csv", ["ccode1", "ccode2", "start", "end"], riv_rows)
    write("cameo.csv", ["code", "goldstein", "description"], cameo)
    write("capitals.csv", ["ccode", "from_year", "to_year", "lat", "lon"], capitals)
    write("majors.csv", ["ccode", "from_year", "to_year"], majors)
    write("p5.csv", ["ccode", "from_year", "to_year"],
          [{"ccode": c, "from_year": y0, "to_year": y1} for (c, y0, y1) in P5_SPELLS])
    print("build_data: %d states, %d crosswalk spells, %d baseline rows; "
          "k = %.6f from %d states" % (len(states), len(xw), len(out), k, n_k),
          file=sys.stderr)


if __name__ == "__main__":
    main()
