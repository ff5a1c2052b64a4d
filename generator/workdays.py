"""Working days as data: public holidays and the weekend days worked instead (调休), one record per year.

The base calendar comes from the `chinese-calendar` package, which transcribes every State
Council notice (国务院办公厅关于部分节假日安排的通知) since 2004 and is released again each year
when the next year's notice appears. A district adds a year the package does not have yet, or
replaces a year (a local 调休), with its own file of the same shape (`timeliness.calendar`).
A day in a year neither has is never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Literal

import chinese_calendar

from . import codes
from .model import Record
from .problems import Loc, Problem, on_field
from .schema import Text, spec
from .validate import build_record
from .yamlload import YamlError, load_file

Unit = Literal["自然日", "工作日"]


@dataclass(frozen=True, kw_only=True)
class Holiday(Record):
    """A public holiday period (放假), weekend days inside it included."""

    name: Text = spec("节日", "节日名称。", example="国庆节")
    en: Text | None = spec("英文名称", "节日的英文名称，用于英文消息。", default=None, example="National Day")
    start: dt.date = spec("放假开始", "放假的第一天。", example="2011-10-01")
    end: dt.date = spec("放假结束", "放假的最后一天（含当天）。", example="2011-10-07")


@dataclass(frozen=True, kw_only=True)
class MakeUpDay(Record):
    """A Saturday or Sunday that is a working day because of a holiday (调休上班)."""

    date: dt.date = spec("调休上班日期", "因调休而上班的周六或周日。", example="2011-10-08")
    name: Text = spec("所属节日", "因哪个节日调休。", example="国庆节")


@dataclass(frozen=True, kw_only=True)
class CalendarYear(Record):
    """One year's holidays and make-up working days, from that year's State Council notice."""

    year: int = spec("年份", "本文件适用的年份。", example="2011")
    source: Text = spec(
        "依据",
        "国务院办公厅关于该年部分节假日安排的通知的名称和文号。",
        example="国务院办公厅关于2011年部分节假日安排的通知（国办发明电〔2010〕40号）",
    )
    holidays: tuple[Holiday, ...] = spec("放假安排", "每个节日的放假起止日期。")
    workdays: tuple[MakeUpDay, ...] = spec("调休上班", "因调休而上班的周末日期。", default=())


class YearMissing(Exception):
    """A deadline needs a year the calendar does not have."""

    def __init__(self, year: int) -> None:
        super().__init__(f"no calendar for {year}")
        self.year = year


@dataclass(frozen=True, eq=False)
class Calendar:
    """Which days are working days, for the years it knows."""

    years: Mapping[int, CalendarYear] = field(default_factory=dict)
    holidays: Mapping[dt.date, Holiday] = field(default_factory=dict)
    makeup: Mapping[dt.date, MakeUpDay] = field(default_factory=dict)

    @classmethod
    def of(cls, years: Iterable[CalendarYear]) -> Calendar:
        """A calendar from year records; a later record for the same year replaces an earlier one."""
        by_year = {y.year: y for y in years}
        holidays: dict[dt.date, Holiday] = {}
        makeup: dict[dt.date, MakeUpDay] = {}
        for year in by_year.values():
            for h in year.holidays:
                for n in range((h.end - h.start).days + 1):
                    holidays[h.start + dt.timedelta(days=n)] = h
            for m in year.workdays:
                makeup[m.date] = m
        return cls(dict(sorted(by_year.items())), holidays, makeup)

    def is_workday(self, day: dt.date) -> bool:
        """Monday to Friday outside holidays, plus the weekend days worked instead (调休)."""
        if day.year not in self.years:
            raise YearMissing(day.year)
        if day in self.makeup:
            return True
        return day.weekday() < 5 and day not in self.holidays


@dataclass(frozen=True)
class Skipped:
    """A run of holiday days that a working-day count passed over."""

    holiday: Holiday
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class Deadline:
    """A deadline and how it was counted, so a message can show the computation."""

    start: dt.date
    days: int
    unit: Unit
    due: dt.date
    holidays: tuple[Skipped, ...] = ()
    makeup: tuple[dt.date, ...] = ()
    weekend_days: int = 0

    def how(self, lang: str = "zh") -> str:
        """'+ 7 个工作日（跳过…）' — the counting between the start date and the due date."""
        zh = lang != "en"
        if self.unit == "自然日":
            return f"+ {self.days} 日" if zh else f"+ {self.days} day(s)"
        notes = []
        if self.weekend_days:
            notes.append(f"跳过周末 {self.weekend_days} 天" if zh else f"skipping {self.weekend_days} weekend day(s)")
        for s in self.holidays:
            span = _span(s.first, s.last, "至" if zh else " to ")
            notes.append(
                f"跳过{s.holiday.name}假期 {span}" if zh else f"skipping {s.holiday.en or s.holiday.name} {span}"
            )
        if self.makeup:
            days = ("、" if zh else ", ").join(_short(d, self.makeup[0]) for d in self.makeup)
            notes.append(f"{days} 调休上班" if zh else f"{days} worked instead")
        counted = f"+ {self.days} 个工作日" if zh else f"+ {self.days} working day(s)"
        if not notes:
            return counted
        return f"{counted}（{'，'.join(notes)}）" if zh else f"{counted} ({'; '.join(notes)})"


def _short(day: dt.date, first: dt.date) -> str:
    return day.isoformat() if day == first or day.year != first.year else day.strftime("%m-%d")


def _span(first: dt.date, last: dt.date, to: str) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}{to}{_short(last, first)}"


def deadline(calendar: Calendar, start: dt.date, days: int, unit: Unit) -> Deadline:
    """The last day of a period of `days` after `start`; raises YearMissing when a year is not in the calendar."""
    if unit == "自然日":
        return Deadline(start, days, unit, start + dt.timedelta(days=days))
    day, counted, weekends = start, 0, 0
    skipped: list[Skipped] = []
    makeup: list[dt.date] = []
    while counted < days:
        day += dt.timedelta(days=1)
        if calendar.is_workday(day):
            counted += 1
            if day in calendar.makeup:
                makeup.append(day)
        elif day in calendar.holidays:
            holiday = calendar.holidays[day]
            if skipped and skipped[-1].holiday is holiday and skipped[-1].last == day - dt.timedelta(days=1):
                skipped[-1] = Skipped(holiday, skipped[-1].first, day)
            else:
                skipped.append(Skipped(holiday, day, day))
        else:
            weekends += 1
    return Deadline(start, days, unit, day, tuple(skipped), tuple(makeup), weekends)


def read_year(path: Path, name: str, problems: list[Problem]) -> CalendarYear | None:
    """Read and check one calendar file; None (with problems) when it is unusable."""
    try:
        node = load_file(path, name)
    except YamlError as exc:
        problems.append(exc.problem)
        return None
    year = build_record(CalendarYear, node, Loc(name), problems)
    if year is None:
        return None
    found = list(_check_year(year))
    problems.extend(found)
    return None if found else year


def _check_year(year: CalendarYear) -> Iterable[Problem]:
    near = range(year.year - 1, year.year + 2)
    for h in year.holidays:
        if h.end < h.start or h.start.year not in near or h.end.year not in near:
            yield on_field(
                codes.CALENDAR_HOLIDAY,
                h,
                "end",
                f"{h.name}的放假日期 {h.start} 至 {h.end} 不对：结束不能早于开始，且应在 {year.year} 年前后，请按国务院办公厅通知核对。",
                f"Holiday {h.start} to {h.end} is wrong: it must not end before it starts and must lie around {year.year}.",
            )
    for m in year.workdays:
        if m.date.weekday() < 5 or m.date.year not in near:
            yield on_field(
                codes.CALENDAR_WORKDAY,
                m,
                "date",
                f"调休上班日期 {m.date} 不是 {year.year} 年前后的周六或周日；调休上班只登记本来休息的周末，请核对。",
                f"The make-up working day {m.date} is not a Saturday or Sunday around {year.year}; check it.",
            )


NAMES: Mapping[str, tuple[str, str]] = {
    "new_years_day": ("元旦", "New Year's Day"),
    "spring_festival": ("春节", "Spring Festival"),
    "tomb_sweeping_day": ("清明节", "Qingming Festival"),
    "labour_day": ("劳动节", "Labour Day"),
    "dragon_boat_festival": ("端午节", "Dragon Boat Festival"),
    "national_day": ("国庆节", "National Day"),
    "mid_autumn_festival": ("中秋节", "Mid-Autumn Festival"),
    "anti_fascist_70th_day": ("抗战胜利70周年纪念日", "Victory Day (70th anniversary)"),
}
"""The holidays as the notices name them (the package's own names are shorter: 清明, 端午, 中秋)."""


def _names(value: str) -> tuple[str, str]:
    """Chinese and English names of a festival the package names by its English value."""
    holiday = chinese_calendar.Holiday(value)
    return NAMES.get(holiday.name, (holiday.chinese, holiday.value))


def _holiday(days: list[dt.date], festivals: list[str]) -> Holiday:
    """One run of consecutive days off; a run shared by two festivals (国庆节、中秋节) is named for both."""
    named = [_names(h) for h in dict.fromkeys(festivals)]
    zh, en = "、".join(n[0] for n in named), " and ".join(n[1] for n in named)
    return Holiday(name=zh, en=en, start=days[0], end=days[-1])


def _joins(last: dt.date, day: dt.date, same_festival: bool) -> bool:
    """Whether `day` continues the holiday that ended on `last`.

    The package sometimes leaves out a weekend day inside a holiday (端午节 2011: 06-04 and 06-06,
    not Sunday 06-05); the notice counts it in the holiday.
    """
    between = [last + dt.timedelta(days=n) for n in range(1, (day - last).days)]
    return (
        same_festival and all(d.weekday() >= 5 and d not in chinese_calendar.workdays for d in between)
        if between
        else True
    )


@cache
def shipped_years() -> tuple[CalendarYear, ...]:
    """Every year the `chinese-calendar` package has, as year records.

    Consecutive days off form one holiday, counted in the year it ends (元旦 may begin on 12-31).
    """
    runs: list[tuple[list[dt.date], list[str]]] = []
    for day, festival in sorted(chinese_calendar.holidays.items()):
        if runs and _joins(runs[-1][0][-1], day, festival in runs[-1][1]):
            runs[-1][0].append(day)
            runs[-1][1].append(festival)
        else:
            runs.append(([day], [festival]))
    holidays: dict[int, list[Holiday]] = {}
    for days, festivals in runs:
        holidays.setdefault(days[-1].year, []).append(_holiday([days[0], days[-1]], festivals))
    makeup: dict[int, list[MakeUpDay]] = {}
    for day, festival in sorted(chinese_calendar.workdays.items()):
        makeup.setdefault(day.year, []).append(MakeUpDay(date=day, name=_names(festival)[0]))
    source = f"chinese-calendar {version('chinese-calendar')}：国务院办公厅关于{{year}}年部分节假日安排的通知"
    return tuple(
        CalendarYear(
            year=year,
            source=source.format(year=year),
            holidays=tuple(holidays[year]),
            workdays=tuple(makeup.get(year, ())),
        )
        for year in sorted(holidays)
    )


def shipped_calendar() -> Calendar:
    """The calendar of every year the package has."""
    return Calendar.of(shipped_years())
