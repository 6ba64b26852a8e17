#!/usr/bin/env python3
"""Japanese national holidays 2019-2030 for tsunagu -> data/holidays.csv.

Plain python3, standard library only.

    python3 data/sources/holidays.py            # cross-check, then write data/holidays.csv
    python3 data/sources/holidays.py --check    # cross-check only, write nothing
    python3 data/sources/holidays.py --cao syukujitsu.csv
                                                # use a newer Cabinet Office CSV
                                                # (Shift_JIS as published, or UTF-8)

Sources
- Years the Cabinet Office (内閣府「国民の祝日について」) list covers are copied from
  it: https://www8.cao.go.jp/chosei/shukujitsu/syukujitsu.csv. The copy used is
  `syukujitsu-cao-2019-2027.csv` next to this script (rows 2019-2027 of the CAO
  file, UTF-8; see holidays-SOURCES-section.md for where it was found).
- Later years are COMPUTED from 国民の祝日に関する法律 (Holidays Act) rules below.
  They are a forecast: the equinox days are only fixed when the National
  Astronomical Observatory publishes 暦要項 (February of the previous year) and
  the law may change. Check them against the CAO list when it is published.

Every year that the CAO copy covers is also computed and compared; any
difference is printed (exit status 1).
"""

import argparse
import csv
import io
import os
import sys
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
DEFAULT_CAO = os.path.join(HERE, "syukujitsu-cao-2019-2027.csv")
OUT = os.path.join(DATA, "holidays.csv")

FIRST_YEAR = 2019
LAST_YEAR = 2030

MON, SUN = 0, 6

# Names exactly as the CAO CSV writes them.
SUBSTITUTE = "休日"  # 振替休日 and 国民の休日 are both written 休日 by the CAO
ENTHRONEMENT = "休日（祝日扱い）"  # 2019/5/1, 2019/10/22 (special law, treated as 祝日)


def nth_weekday(year, month, weekday, n):
    """n-th `weekday` (0=Mon) of the month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def vernal_equinox_day(year):
    """春分日, standard approximation valid 1980-2099."""
    return int(20.8431 + 0.242194 * (year - 1980) - (year - 1980) // 4)


def autumnal_equinox_day(year):
    """秋分日, standard approximation valid 1980-2099."""
    return int(23.2488 + 0.242194 * (year - 1980) - (year - 1980) // 4)


def national_holidays(year):
    """「国民の祝日」 (Art. 2) plus the days treated as such, for one year >= 2019."""
    if year < 2019:
        raise ValueError("rules here cover 2019 onwards only")
    h = {}

    def add(d, name):
        h[d] = name

    add(date(year, 1, 1), "元日")
    add(nth_weekday(year, 1, MON, 2), "成人の日")
    add(date(year, 2, 11), "建国記念の日")
    if year >= 2020:  # 天皇誕生日 moved to 2/23 from 2020; none in 2019
        add(date(year, 2, 23), "天皇誕生日")
    add(date(year, 3, vernal_equinox_day(year)), "春分の日")
    add(date(year, 4, 29), "昭和の日")
    add(date(year, 5, 3), "憲法記念日")
    add(date(year, 5, 4), "みどりの日")
    add(date(year, 5, 5), "こどもの日")

    # 海の日 / スポーツの日 / 山の日, with the Tokyo 2020 special-law moves
    if year == 2020:
        add(date(2020, 7, 23), "海の日")
        add(date(2020, 7, 24), "スポーツの日")
        add(date(2020, 8, 10), "山の日")
    elif year == 2021:
        add(date(2021, 7, 22), "海の日")
        add(date(2021, 7, 23), "スポーツの日")
        add(date(2021, 8, 8), "山の日")
    else:
        add(nth_weekday(year, 7, MON, 3), "海の日")
        add(date(year, 8, 11), "山の日")
        # 体育の日 was renamed スポーツの日 from 2020; the CAO CSV writes 2019's as below
        name = "体育の日（スポーツの日）" if year == 2019 else "スポーツの日"
        add(nth_weekday(year, 10, MON, 2), name)

    add(nth_weekday(year, 9, MON, 3), "敬老の日")
    add(date(year, 9, autumnal_equinox_day(year)), "秋分の日")
    add(date(year, 11, 3), "文化の日")
    add(date(year, 11, 23), "勤労感謝の日")

    if year == 2019:  # 天皇の即位の日 / 即位礼正殿の儀の行われる日 (special law, 祝日扱い)
        add(date(2019, 5, 1), ENTHRONEMENT)
        add(date(2019, 10, 22), ENTHRONEMENT)
    return h


def compute_year(year):
    """All holidays (祝日 + 振替休日 + 国民の休日) of one year as {date: name}."""
    base = national_holidays(year)
    out = dict(base)
    notes = []
    # Art. 3(2) 振替休日: a 祝日 on Sunday -> the nearest following day that is not a 祝日.
    for d in sorted(base):
        if d.weekday() == SUN:
            n = d + timedelta(days=1)
            while n in base:
                n += timedelta(days=1)
            out[n] = SUBSTITUTE
    # Art. 3(3) 国民の休日: a non-祝日 day whose previous and next days are both 祝日.
    d = date(year, 1, 2)
    while d < date(year, 12, 31):
        if d not in base and d - timedelta(days=1) in base and d + timedelta(days=1) in base:
            if d.weekday() == SUN:
                notes.append("%s is a Sunday sandwiched between 祝日 (check CAO)" % d)
            out.setdefault(d, SUBSTITUTE)
        d += timedelta(days=1)
    return out, notes


def read_cao(path):
    """Read a CAO-format CSV (`YYYY/M/D,名称`, Shift_JIS or UTF-8) -> {date: name}."""
    raw = open(path, "rb").read()
    for enc in ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SystemExit("cannot decode %s as UTF-8 or Shift_JIS" % path)
    rows = {}
    for rec in csv.reader(io.StringIO(text)):
        if len(rec) < 2 or "/" not in rec[0]:
            continue  # header, blank lines
        y, m, d = (int(x) for x in rec[0].strip().split("/"))
        rows[date(y, m, d)] = rec[1].strip()
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cao", default=DEFAULT_CAO, help="CAO syukujitsu.csv copy")
    ap.add_argument("--check", action="store_true", help="cross-check only")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()

    cao = read_cao(args.cao)
    cao_years = sorted({d.year for d in cao if FIRST_YEAR <= d.year <= LAST_YEAR})
    cao_last = max(cao_years)

    mismatches = 0
    final = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        computed, notes = compute_year(year)
        for n in notes:
            print("note:", n)
        if year in cao_years:
            official = {d: n for d, n in cao.items() if d.year == year}
            for d in sorted(set(official) | set(computed)):
                a, b = official.get(d), computed.get(d)
                if a != b:
                    mismatches += 1
                    print("MISMATCH %s  CAO=%s  computed=%s" % (d, a, b))
            final.update(official)
            src = "CAO copy"
        else:
            final.update(computed)
            src = "computed (Holidays Act rules; verify against CAO when published)"
        print("%d: %2d days  %s" % (year, sum(1 for d in final if d.year == year), src))

    print("CAO copy covers %d-%d; cross-check: %d mismatch(es)"
          % (cao_years[0], cao_last, mismatches))

    if not args.check:
        with open(args.out, "w", encoding="utf-8", newline="\n") as f:
            f.write("date,name\n")
            for d in sorted(final):
                f.write("%s,%s\n" % (d.isoformat(), final[d]))
        print("wrote %s (%d rows)" % (args.out, len(final)))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
