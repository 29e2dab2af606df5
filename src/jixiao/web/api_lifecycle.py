"""The JSON API of a project's 运行监控 and 绩效自评: results as ``jixiao monitor -f json`` /
``jixiao score -f json`` print them (each score with its formula and inputs, total, grade),
saving actuals, importing the 填报 workbook and the stages' workflow. Same sign-in, CSRF,
permissions and error contract (``{"detail", "hint"}``) as ``api.py``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field, TypeAdapter

from jixiao._exceptions import InvalidInput
from jixiao.lifecycle.monitoring import MonitoringResult
from jixiao.lifecycle.scoring import UnitScore
from jixiao.lifecycle.workbook import Kind
from jixiao.model.lifecycle import MonitoringRecord, SelfEvaluation
from jixiao.reading import MAX_INPUT_BYTES
from jixiao.store.convert import get_document_row, project_from_row
from jixiao.store.models import UserRow
from jixiao.web.deps import DB, CurrentUser
from jixiao.web.display import attachment_header
from jixiao.workbench.access import get_project
from jixiao.workbench.lifecycle import (
    DEFAULT_MONTH,
    STAGE_STATUS_LABELS,
    can_fill,
    import_actuals,
    installation_schemes,
    monitoring_result,
    project_template,
    save_monitoring,
    save_self_evaluation,
    score_result,
    stage_status,
)
from jixiao.workbench.lifecycle_workflow import add_stage_comment, stage_transition

router = APIRouter(prefix="/api", tags=["运行监控与绩效自评"])

_MONITORING = TypeAdapter(MonitoringResult)
_SCORE = TypeAdapter(UnitScore)
_STAGES: dict[str, Kind] = {"monitoring": "monitor", "selfeval": "selfeval"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Month = Annotated[
    int | None,
    Query(ge=1, le=12, description="监控截至月份（默认：最近一次填报的月份，否则 7 月）"),
]


class StageOut(BaseModel):
    project_id: int
    version: int = Field(description="项目的版本号；保存时原样发回，他人先保存时返回 409")
    status: str = Field(description="draft / submitted / in_review / returned / approved")
    status_label: str
    editable: bool


class MonitoringOut(StageOut):
    kind: str = "monitor"
    month: int
    record: dict[str, Any] | None
    results: list[dict[str, Any]] = Field(description="与 jixiao monitor -f json 的 results 相同")


class SelfEvaluationOut(StageOut):
    kind: str = "selfeval"
    self_evaluation: dict[str, Any] | None
    results: list[dict[str, Any]] = Field(description="与 jixiao score -f json 的 results 相同")


class MonitoringIn(BaseModel):
    version: int
    record: MonitoringRecord


class SelfEvaluationIn(BaseModel):
    version: int
    self_evaluation: SelfEvaluation


class StageActionIn(BaseModel):
    comment: str = Field("", description="退回时必填：退回意见")


class StageCommentIn(BaseModel):
    body: str
    indicator_id: int | None = Field(
        None, description="意见针对的指标（其编号见项目的 indicator_ids）"
    )
    what: str = Field("得分", description="意见针对的内容，如“得分”“完成值”")


def _month(project_months: list[int], month: int | None) -> int:
    return month or max(project_months, default=DEFAULT_MONTH)


def _monitoring(session: DB, user: UserRow, project_id: int, month: int | None) -> MonitoringOut:
    row = get_project(session, user, project_id)
    doc = get_document_row(session, row.document_id)
    project = project_from_row(row)
    chosen = _month([r.month for r in project.monitoring], month)
    status = stage_status(session, row.id, "monitor", chosen)
    record = next((r for r in project.monitoring if r.month == chosen), None)
    result = monitoring_result(project, chosen, installation_schemes().monitoring)
    return MonitoringOut(
        project_id=row.id,
        version=row.version,
        status=status,
        status_label=STAGE_STATUS_LABELS[status],
        editable=can_fill(user, doc, row, status),
        month=chosen,
        record=None if record is None else record.model_dump(mode="json"),
        results=[] if result is None else [_MONITORING.dump_python(result, mode="json")],
    )


def _selfeval(session: DB, user: UserRow, project_id: int) -> SelfEvaluationOut:
    row = get_project(session, user, project_id)
    doc = get_document_row(session, row.document_id)
    project = project_from_row(row)
    status = stage_status(session, row.id, "selfeval", 0)
    score = score_result(project, installation_schemes().scoring)
    evaluation = project.self_evaluation
    return SelfEvaluationOut(
        project_id=row.id,
        version=row.version,
        status=status,
        status_label=STAGE_STATUS_LABELS[status],
        editable=can_fill(user, doc, row, status),
        self_evaluation=None if evaluation is None else evaluation.model_dump(mode="json"),
        results=[] if score is None else [_SCORE.dump_python(score, mode="json")],
    )


@router.get(
    "/projects/{project_id}/monitoring", response_model=MonitoringOut, summary="运行监控结果"
)
def monitoring(
    session: DB, user: CurrentUser, project_id: int, month: Month = None
) -> MonitoringOut:
    """项目某月的监控记录、预算和各指标的信号灯（含计算公式）、审核意见和流程状态。"""
    return _monitoring(session, user, project_id, month)


@router.put(
    "/projects/{project_id}/monitoring", response_model=MonitoringOut, summary="保存运行监控填报"
)
def put_monitoring(
    session: DB, user: CurrentUser, project_id: int, body: MonitoringIn
) -> MonitoringOut:
    """替换项目该月（record.month）的监控记录；version 为读取时的项目版本，他人先保存时 409。"""
    save_monitoring(session, user, project_id, body.version, body.record)
    return _monitoring(session, user, project_id, body.record.month)


@router.get(
    "/projects/{project_id}/selfeval", response_model=SelfEvaluationOut, summary="绩效自评结果"
)
def selfeval(session: DB, user: CurrentUser, project_id: int) -> SelfEvaluationOut:
    """项目的自评记录、每项得分（含公式和数据）、总分、等级、审核意见和流程状态。"""
    return _selfeval(session, user, project_id)


@router.put(
    "/projects/{project_id}/selfeval", response_model=SelfEvaluationOut, summary="保存绩效自评填报"
)
def put_selfeval(
    session: DB, user: CurrentUser, project_id: int, body: SelfEvaluationIn
) -> SelfEvaluationOut:
    """替换项目的自评记录；version 为读取时的项目版本，他人先保存时 409。"""
    save_self_evaluation(session, user, project_id, body.version, body.self_evaluation)
    return _selfeval(session, user, project_id)


def _stage(stage: str) -> Kind:
    kind = _STAGES.get(stage)
    if kind is None:
        raise InvalidInput(f"未知的填报类型：{stage}", hint="请使用 monitoring 或 selfeval。")
    return kind


def _out(session: DB, user: UserRow, project_id: int, kind: Kind, month: int | None) -> Any:
    if kind == "monitor":
        return _monitoring(session, user, project_id, month)
    return _selfeval(session, user, project_id)


@router.post("/projects/{project_id}/{stage}/import", summary="导入填报表（XLSX）")
async def import_workbook(
    session: DB, user: CurrentUser, project_id: int, stage: str, file: Annotated[UploadFile, File()]
) -> Any:
    """读取填好的填报表（与 jixiao monitor/score --actuals 相同的读取规则），保存本项目的记录；
    有问题时 400，逐行说明。"""
    kind = _stage(stage)
    data = await file.read(MAX_INPUT_BYTES + 1)
    _, month = import_actuals(session, user, project_id, data, file.filename or "填报表", kind)
    return _out(session, user, project_id, kind, month)


@router.get("/projects/{project_id}/{stage}/template.xlsx", summary="下载预填的填报表")
def template(
    session: DB, user: CurrentUser, project_id: int, stage: str, month: Month = None
) -> Response:
    kind = _stage(stage)
    data, name = project_template(session, user, project_id, kind, month or DEFAULT_MONTH)
    return Response(
        data,
        media_type=XLSX,
        headers={"Content-Disposition": attachment_header(name, f"{stage}-{project_id}.xlsx")},
    )


@router.post("/projects/{project_id}/{stage}/workflow/{action}", summary="填报流程操作")
def workflow(
    session: DB,
    user: CurrentUser,
    project_id: int,
    stage: str,
    action: str,
    body: StageActionIn | None = None,
    month: Month = None,
) -> Any:
    """submit（提交审核）、start（开始审核）、return（退回修改，须附 comment）、
    approve（审核通过）。
    运行监控按月份分别审核；红灯、黄灯指标缺少偏差原因时不能提交（400）。"""
    kind = _stage(stage)
    row = get_project(session, user, project_id)
    chosen = (
        _month([r.month for r in project_from_row(row).monitoring], month)
        if kind == "monitor"
        else 0
    )
    stage_transition(
        session,
        user,
        project_id,
        kind,
        chosen,
        action,
        installation_schemes(),
        (body or StageActionIn()).comment,
    )
    return _out(session, user, project_id, kind, chosen or None)


@router.post("/projects/{project_id}/{stage}/comments", status_code=201, summary="提出审核意见")
def comment(
    session: DB,
    user: CurrentUser,
    project_id: int,
    stage: str,
    body: StageCommentIn,
    month: Month = None,
) -> dict[str, Any]:
    """审核中时，审核人对某行（indicator_id）或某项得分提出意见。"""
    kind = _stage(stage)
    row = get_project(session, user, project_id)
    chosen = (
        _month([r.month for r in project_from_row(row).monitoring], month)
        if kind == "monitor"
        else 0
    )
    made = add_stage_comment(
        session,
        user,
        project_id,
        kind,
        chosen,
        body.body,
        indicator_id=body.indicator_id,
        what=body.what,
    )
    return {
        "id": made.id,
        "field": made.field,
        "indicator_id": made.indicator_id,
        "body": made.body,
    }
