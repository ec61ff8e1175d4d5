export { InputError, isInputError } from './errors.js';
export type { Crs } from './geometry/crs.js';
export { DEFAULT_GOALS } from './goals/default-goals.js';
export { DEFINITIONS, DEFINITIONS_VERSION } from './goals/definitions.js';
export type { Comparison, Goal, GoalScope } from './goals/goal.js';
export type { GoalResult, GoalStatus, ScopeResult } from './goals/goal-result.js';
export { parseGoals, readGoalsFile } from './goals/goals-file.js';
export { GeoPackageHistory } from './history/gpkg-history.js';
export type {
  DeadZoneRow,
  GoalStatusRow,
  HistoryRows,
  RegionStatsRow,
  RunInputRow,
  RunRow,
  SnapshotRow,
} from './history/history-rows.js';
export { HISTORY_SCHEMA_VERSION, historyRows } from './history/history-rows.js';
export type { HistorySnapshot, HistoryStore, HistoryWriteReport } from './history/history-store.js';
export type { HistoryTarget } from './history/history-target.js';
export { openHistory, parseHistoryTarget } from './history/history-target.js';
export { PostgresHistory, readHistory } from './history/postgres-history.js';
export { readDem } from './io/geotiff/dem-read.js';
export type { ReadOptions } from './io/read-options.js';
export type { InvalidPolicy } from './io/skipped.js';
export type { Coverage, Layer } from './model/coverage.js';
export { normaliseTechnology } from './model/coverage.js';
export type { Households } from './model/households.js';
export type { PolygonSet } from './model/polygon-set.js';
export type { Regions } from './model/regions.js';
export type { DeadZone, OperatorStats, RegionStats, Stats, TechnologyStats } from './model/stats.js';
export type {
  InputRecord,
  InvalidSummary,
  MarginInput,
  MarginLevelFigures,
  MarginsSummary,
  SnapshotSummary,
  Summary,
  SummaryWarning,
} from './model/summary.js';
export { SUMMARY_SCHEMA } from './model/summary.js';
export type { AnalysisResult, AnalyzeOptions } from './pipeline/analyze.js';
export { analyze } from './pipeline/analyze.js';
export type { DiffOptions, DiffResult, RunsDiff } from './pipeline/diff-runs.js';
export { diffRuns, writeDiff } from './pipeline/diff-runs.js';
export type { SnapshotInput } from './pipeline/options.js';
export type { PlaceRun, PlaceRunResult } from './pipeline/place-run.js';
export { runPlace } from './pipeline/place-run.js';
export type { PlanningBase } from './pipeline/planning-base.js';
export { loadPlanningBase } from './pipeline/planning-base.js';
export type { PredictResult, PredictRun } from './pipeline/predict-run.js';
export { runPredict } from './pipeline/predict-run.js';
export type { Progress, ProgressCallback } from './pipeline/progress.js';
export type { SnapshotResult } from './pipeline/result.js';
export type { RunProfile, StageTime } from './pipeline/stage-profile.js';
export type { WhatIfRun, WhatIfRunResult } from './pipeline/whatif-run.js';
export { runWhatIf } from './pipeline/whatif-run.js';
export type { OutputChoice, OutputFile, OutputFormat, WriteOptions } from './pipeline/write-outputs.js';
export {
  checkOutputs,
  FGB_OUTPUT_FILES,
  GPKG_OUTPUT_FILES,
  OUTPUT_FILES,
  outputFiles,
  REPORT_OUTPUT_FILES,
  STYLE_OUTPUT_FILES,
  writeOutputs,
} from './pipeline/write-outputs.js';
export type { CoverSets, GreedyResult } from './planning/celf.js';
export { greedyMaxCoverage } from './planning/celf.js';
export type { Objective } from './planning/objective.js';
export type { PlacedSite, PlaceResult } from './planning/place.js';
export type { PredictedLayer, PredictOptions } from './planning/predict.js';
export { predictCoverage } from './planning/predict.js';
export type { RegionChange } from './planning/region-changes.js';
export { Dem } from './planning/terrain-dem.js';
export type { AddedCoverage, RemovedCoverage, WhatIfResult } from './planning/whatif.js';
export { whatIf } from './planning/whatif.js';
export type { Lang } from './report/labels.js';
export type { MapImageOptions } from './report/map-image-write.js';
export { writeMapImage } from './report/map-image-write.js';
export { MAP_METRICS, type MapMetric } from './report/metrics.js';
export { deadZonesQml, regionsQml } from './report/qgis-style.js';
export type { ReportOptions } from './report/report-input.js';
export { followDeadZones } from './tracking/follow-dead-zones.js';
export type { DeadZoneStatus, DeadZoneTracking, TrackedDeadZone } from './tracking/tracked-dead-zone.js';
