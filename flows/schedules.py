"""Schedules as configuration: which claim sets are re-checked, and when (after which exchange's close).

``schedules.yaml`` (validated here with pydantic; errors name the key and the problem)::

    defaults: {out_dir: out, source: auto, lang: en, history_url: "sqlite:///out/history.db"}
    # optional, in defaults or per deployment: fail_on: fail  (the flow run ends Failed when a claim fails)
    #                                          report_base_url: https://reports.example.org/marketfact/
    deployments:
      - name: deepseek-after-xnys-close
        claims: examples/deepseek-2025-01.yaml
        after_close: XNYS          # 30 minutes after the exchange's regular close, its own time zone
        delay_minutes: 30
      - name: deepseek-nightly
        claims: examples/deepseek-2025-01.yaml
        cron: "0 23 * * 1-5"      # or an explicit cron with its time zone
        timezone: Europe/Berlin

Relative paths in the file (``claims``, ``out_dir``, a ``sqlite:///`` history) are relative to the schedule
file's folder, so ``marketfact serve`` means the same from any working directory. The same deployments are
written to ``prefect.yaml`` for work pools (``marketfact deployments``) with the paths as written: there they
are relative to the worker's working directory (``MARKETFACT_HOME``, prefect.yaml's pull step), and the flow
makes them absolute when it starts.
No Prefect import here: this module only reads and checks the configuration.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from marketfact.market.calendars import UnknownExchangeError
from marketfact.settings import DEFAULT_OUT_DIR, HISTORY_FILE, absolute, absolute_url, report_base_url


class ScheduleConfigError(Exception):
    """The schedule file is wrong; the message names the key and the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("report_base_url", check_fields=False)
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        return None if value is None else report_base_url(value)


class RunDefaults(_Strict):
    """Parameters every deployment inherits unless it sets its own."""

    out_dir: str = DEFAULT_OUT_DIR
    source: Literal["auto", "snapshot", "yfinance"] = "auto"
    lang: Literal["en", "de"] = "en"
    history_url: str | None = f"sqlite:///{DEFAULT_OUT_DIR}/{HISTORY_FILE}"
    fail_on: Literal["fail", "unverifiable"] | None = None
    report_base_url: str | None = None


class DeploymentConfig(_Strict):
    """One scheduled re-check of one claim file."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")
    claims: str
    after_close: str | None = None
    delay_minutes: int = Field(30, ge=0, le=720)
    cron: str | None = None
    timezone: str | None = None
    weekdays: str = "1-5"
    out_dir: str | None = None
    source: Literal["auto", "snapshot", "yfinance"] | None = None
    lang: Literal["en", "de"] | None = None
    history_url: str | None = None
    fail_on: Literal["fail", "unverifiable"] | None = None
    report_base_url: str | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Europe/Berlin)") from None
        return value

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str | None) -> str | None:
        if value is not None:
            from cronsim import CronSim, CronSimError

            try:
                CronSim(value, dt.datetime(2025, 1, 1))
            except CronSimError as exc:
                raise ValueError(f"invalid cron expression {value!r}: {exc}") from None
        return value

    @model_validator(mode="after")
    def _one_trigger(self) -> DeploymentConfig:
        if (self.after_close is None) == (self.cron is None):
            raise ValueError("give exactly one of after_close (an exchange such as XETR) or cron")
        if self.cron is not None and self.timezone is None:
            raise ValueError("a cron schedule needs a timezone (e.g. Europe/Berlin)")
        return self

    def cron_and_zone(self) -> tuple[str, str]:
        """The cron expression and its time zone (derived from the exchange's close when after_close)."""
        if self.cron is not None:
            assert self.timezone is not None
            return self.cron, self.timezone
        assert self.after_close is not None
        close, zone = exchange_close(self.after_close)
        at = dt.datetime.combine(dt.date(2025, 1, 1), close) + dt.timedelta(minutes=self.delay_minutes)
        return f"{at.minute} {at.hour} * * {self.weekdays}", zone

    def parameters(self, defaults: RunDefaults, base: Path | None = None) -> dict[str, Any]:
        """The flow parameters of this deployment; with ``base``, relative paths are made absolute from it."""
        claims, out_dir = self.claims, self.out_dir or defaults.out_dir
        history_url = self.history_url if self.history_url is not None else defaults.history_url
        if base is not None:
            claims, out_dir = str(absolute(claims, base)), str(absolute(out_dir, base))
            history_url = absolute_url(history_url, base) if history_url else history_url
        parameters: dict[str, Any] = {
            "claims_path": claims,
            "out_dir": out_dir,
            "source": self.source or defaults.source,
            "lang": self.lang or defaults.lang,
            "history_url": history_url,
        }
        # Only when set: a flow run ends Failed when its gate trips; the UI links reports served there.
        fail_on, base_url = self.fail_on or defaults.fail_on, self.report_base_url or defaults.report_base_url
        if fail_on:
            parameters["fail_on"] = fail_on
        if base_url:
            parameters["report_base_url"] = base_url
        return parameters


class ScheduleFile(_Strict):
    """The whole schedule file."""

    defaults: RunDefaults = RunDefaults()
    deployments: list[DeploymentConfig] = Field(min_length=1)
    _folder: Path | None = PrivateAttr(default=None)

    @property
    def folder(self) -> Path | None:
        """The folder of the file this was read from: relative paths in it are relative to this folder."""
        return self._folder

    def parameters(self, deployment: DeploymentConfig) -> dict[str, Any]:
        """``deployment``'s flow parameters, its paths absolute from the file's folder."""
        return deployment.parameters(self.defaults, self._folder)

    @model_validator(mode="after")
    def _unique(self) -> ScheduleFile:
        names = [d.name for d in self.deployments]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"deployment names must be unique: {', '.join(dupes)}")
        return self


def exchange_close(mic: str) -> tuple[dt.time, str]:
    """The current regular close time of exchange ``mic`` and its time zone (exchange_calendars)."""
    import exchange_calendars as xcals

    try:
        cal = xcals.get_calendar(mic)
    except xcals.errors.InvalidCalendarName:
        raise UnknownExchangeError(f"unknown exchange {mic!r} (use an ISO MIC such as XNYS, XETR, XTKS)") from None
    return cal.close_times[-1][1], str(cal.tz)


def load_schedule(path: Path) -> ScheduleFile:
    """Read and validate a schedule file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScheduleConfigError(f"{path}: no such file") from None
    except yaml.YAMLError as exc:
        raise ScheduleConfigError(f"{path}: not valid YAML: {exc}") from None
    try:
        parsed = ScheduleFile.model_validate(data)
        parsed._folder = absolute(path).parent
        for d in parsed.deployments:
            if d.after_close:
                exchange_close(d.after_close)
        return parsed
    except ValidationError as exc:
        lines = [f"{path}: {'.'.join(str(p) for p in e['loc']) or 'top level'}: {e['msg']}" for e in exc.errors()]
        raise ScheduleConfigError("\n".join(lines)) from None
    except UnknownExchangeError as exc:
        raise ScheduleConfigError(f"{path}: after_close: {exc}") from None


def prefect_yaml(schedule: ScheduleFile, work_pool: str = "marketfact") -> dict[str, Any]:
    """The ``prefect.yaml`` that defines the same deployments for a work pool."""
    return {
        "name": "marketfact",
        "prefect-version": "3",
        "pull": [{"prefect.deployments.steps.set_working_directory": {"directory": "{{ $MARKETFACT_HOME }}"}}],
        "deployments": [
            {
                "name": d.name,
                "entrypoint": "flows/verify.py:verify_claims",
                "parameters": d.parameters(schedule.defaults),
                "schedules": [{"cron": d.cron_and_zone()[0], "timezone": d.cron_and_zone()[1]}],
                "work_pool": {"name": work_pool},
            }
            for d in schedule.deployments
        ],
    }
