"""The live preview: one check per regeneration, and the engine's config from that same run."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline, preview

from .conftest import AS_OF


def test_regenerate_writes_the_project_once_and_says_where(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[Path] = []
    real = pipeline.check

    def counted(config_file: Path, *args: object, **kwargs: object) -> pipeline.Checked:
        runs.append(config_file)
        return real(config_file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "check", counted)
    built = preview._regenerate(project)
    assert runs == [project]
    assert built.engine is not None and built.checked.project is not None
    assert built.engine.mkdocs_yml == project.parent / "build" / "mkdocs.yml" and built.engine.mkdocs_yml.is_file()
    assert built.checked.project.paths.content == project.parent / "content"


def test_regenerate_keeps_the_last_project_when_the_content_has_errors(project: Path) -> None:
    preview._regenerate(project)
    mkdocs_yml = project.parent / "build" / "mkdocs.yml"
    before = mkdocs_yml.read_bytes()
    dept = project.parent / "content" / "czj" / "department.yml"
    dept.write_text(dept.read_text(encoding="utf-8").replace("name: 测试区财政局\n", ""), encoding="utf-8")
    built = preview._regenerate(project)
    assert built.report.exit_code == 1 and not isinstance(built, pipeline.Generated)
    assert mkdocs_yml.read_bytes() == before


def test_a_recheck_parses_only_what_changed_and_sees_every_change(project: Path) -> None:
    """The preview re-checks the whole content after each edit; an unchanged file gives back its record
    as it was, a changed one (even to the same size, within the same clock tick) is read anew."""
    first = pipeline.check(project, AS_OF).content
    dept = project.parent / "content" / "czj" / "department.yml"
    text = dept.read_text(encoding="utf-8")
    dept.write_text(text.replace("name: 测试区财政局", "name: 测试区统计局"), encoding="utf-8")  # same length
    second = pipeline.check(project, AS_OF).content
    assert first is not None and second is not None
    assert [d.name for d in second.departments] == ["测试区统计局"]
    assert second.procedures[0] is first.procedures[0]  # not parsed again
    dept.write_text(text.replace("name: 测试区财政局\n", ""), encoding="utf-8")
    assert [(p.code, p.loc.file) for p in pipeline.check(project, AS_OF).report.errors] == [
        ("required", "content/czj/department.yml")
    ]
    dept.write_text(text, encoding="utf-8")  # back as it was: its problems go with it
    assert not pipeline.check(project, AS_OF).report.errors
