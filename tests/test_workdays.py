"""The holiday calendar: shipped years, working-day deadlines across holidays and 调休, district files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.config import load_config
from generator.workdays import Calendar, YearMissing, deadline, read_year, shipped_calendar, shipped_years

D = dt.date.fromisoformat
CAL = shipped_calendar()


NOTICES = Path(__file__).parent / "fixtures" / "calendar"
"""Years transcribed by hand from the State Council notices: the check on the package."""


def test_the_package_gives_every_year_since_2004() -> None:
    years = [y.year for y in shipped_years()]
    assert years == list(range(2004, years[-1] + 1)) and years[-1] >= 2026
    assert all("国务院办公厅关于" in y.source and f"{y.year}年" in y.source for y in shipped_years())


def notice_years() -> list[int]:
    return sorted(int(p.stem) for p in NOTICES.glob("*.yml"))


@pytest.mark.parametrize("year", notice_years())
def test_the_package_agrees_with_the_notice_day_by_day(year: int) -> None:
    problems: list = []
    notice = read_year(NOTICES / f"{year}.yml", f"{year}.yml", problems)
    assert notice is not None and not problems
    ours = Calendar.of([notice])
    day = D(f"{year}-01-01")
    while day.year == year:
        assert CAL.is_workday(day) == ours.is_workday(day), day
        assert (day in CAL.makeup) == (day in ours.makeup), day
        if day in ours.holidays:
            assert day in CAL.holidays and CAL.holidays[day].name == ours.holidays[day].name, day
        day += dt.timedelta(days=1)


def test_national_day_2011_with_weekend_make_up_days() -> None:
    due = deadline(CAL, D("2011-09-30"), 7, "工作日")
    # 10-01..07 off; Saturday 10-08 and Sunday 10-09 worked (调休): 10-08, 09, 10, 11, 12, 13, 14.
    assert due.due == D("2011-10-14")
    assert due.makeup == (D("2011-10-08"), D("2011-10-09"))
    assert due.weekend_days == 0
    assert due.how() == "+ 7 个工作日（跳过国庆节假期 2011-10-01至10-07，2011-10-08、10-09 调休上班）"
    assert due.how("en") == (
        "+ 7 working day(s) (skipping National Day 2011-10-01 to 10-07; 2011-10-08, 10-09 worked instead)"
    )


def test_spring_festival_2026() -> None:
    due = deadline(CAL, D("2026-02-13"), 5, "工作日")
    # Saturday 02-14 is worked, 02-15..23 off, then 24, 25, 26, 27.
    assert due.due == D("2026-02-27")
    assert [(s.holiday.name, s.first, s.last) for s in due.holidays] == [("春节", D("2026-02-15"), D("2026-02-23"))]
    assert due.makeup == (D("2026-02-14"),)


def test_ordinary_weeks_skip_weekends_only() -> None:
    due = deadline(CAL, D("2011-05-12"), 7, "工作日")
    assert due.due == D("2011-05-23") and due.weekend_days == 4 and not due.holidays
    assert due.how() == "+ 7 个工作日（跳过周末 4 天）"


def test_calendar_days_need_no_calendar() -> None:
    due = deadline(Calendar(), D("2011-05-12"), 7, "自然日")
    assert due.due == D("2011-05-19") and due.how() == "+ 7 日"


def test_across_the_new_year() -> None:
    assert deadline(CAL, D("2024-12-27"), 5, "工作日").due == D("2025-01-06")


def test_a_missing_year_is_never_guessed() -> None:
    with pytest.raises(YearMissing) as gap:
        deadline(CAL, D("2026-12-28"), 7, "工作日")
    assert gap.value.year == 2027
    with pytest.raises(YearMissing):
        CAL.is_workday(D("2003-03-01"))  # before the first year the package has


COVERED = st.dates(D("2011-01-01"), D("2011-11-30")) | st.dates(D("2024-01-01"), D("2026-11-30"))


@given(COVERED, st.integers(0, 20))
def test_working_day_deadline_counts_exactly_n_working_days(start: dt.date, n: int) -> None:
    due = deadline(CAL, start, n, "工作日")
    between = [start + dt.timedelta(days=k) for k in range(1, (due.due - start).days + 1)]
    assert sum(CAL.is_workday(d) for d in between) == n
    assert n == 0 or CAL.is_workday(due.due)
    assert due.due >= start + dt.timedelta(days=n)
    assert len(between) == n + due.weekend_days + sum((s.last - s.first).days + 1 for s in due.holidays)


def test_a_broken_calendar_file_gives_located_problems(tmp_path: Path) -> None:
    bad = tmp_path / "2027.yml"
    bad.write_text(
        "year: 2027\nsource: 测试\nholidays:\n  - name: 元旦\n    start: 2027-01-03\n    end: 2027-01-01\n"
        "workdays:\n  - date: 2027-01-06\n    name: 元旦\n",
        encoding="utf-8",
    )
    problems: list = []
    assert read_year(bad, "2027.yml", problems) is None
    assert sorted((p.code, p.loc.line) for p in problems) == [("calendar-holiday", 6), ("calendar-workday", 8)]


def test_a_district_file_adds_a_year_and_replaces_a_shipped_one(project: Path) -> None:
    folder = project.parent / "calendar"
    folder.mkdir()
    (folder / "2027.yml").write_text(
        "year: 2027\nsource: 本区测试日历\nholidays:\n  - name: 元旦\n    start: 2027-01-01\n    end: 2027-01-03\n",
        encoding="utf-8",
    )
    (folder / "2026.yml").write_text(
        "year: 2026\nsource: 本区更正\nholidays:\n  - name: 国庆节\n    start: 2026-10-01\n    end: 2026-10-07\n",
        encoding="utf-8",
    )
    text = project.read_text(encoding="utf-8")
    project.write_text(
        text + "  calendar:\n    - calendar/2027.yml\n    - calendar/2026.yml\n    - calendar/2028.yml\n",
        encoding="utf-8",
    )
    config, problems = load_config(project)
    assert config is not None
    calendar_line = len(text.splitlines()) + 1
    assert [(p.code, p.loc.file, p.loc.line) for p in problems] == [("no-file", "site_config.yml", calendar_line)]
    assert deadline(config.calendar, D("2026-12-28"), 7, "工作日").due == D("2027-01-07")
    assert config.calendar.years[2026].source == "本区更正"
    assert config.calendar.is_workday(D("2026-02-16"))  # the district file has no Spring Festival
