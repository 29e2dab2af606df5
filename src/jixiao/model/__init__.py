"""The typed, open document model (see ``document.py``) and its label vocabulary."""

from jixiao.model.categories import categorize as categorize
from jixiao.model.document import SCHEMA_VERSION as SCHEMA_VERSION
from jixiao.model.document import Budget as Budget
from jixiao.model.document import Department as Department
from jixiao.model.document import DepartmentTask as DepartmentTask
from jixiao.model.document import Document as Document
from jixiao.model.document import DocumentWarning as DocumentWarning
from jixiao.model.document import ExtraField as ExtraField
from jixiao.model.document import Indicator as Indicator
from jixiao.model.document import IndicatorValue as IndicatorValue
from jixiao.model.document import MidTermTarget as MidTermTarget
from jixiao.model.document import Number as Number
from jixiao.model.document import Project as Project
from jixiao.model.document import SourceFormat as SourceFormat
from jixiao.model.document import SourceInfo as SourceInfo
from jixiao.model.document import SourceLocation as SourceLocation
from jixiao.model.document import SpendingPoint as SpendingPoint
from jixiao.model.document import Unit as Unit
from jixiao.model.document import ValueParts as ValueParts
