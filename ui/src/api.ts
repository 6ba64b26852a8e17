// The app's commands, typed with the bindings generated from the Rust types (ui/src/bindings,
// written by `cargo test`): nothing here is declared twice.
import { invoke } from "@tauri-apps/api/core";
import type { CommandError } from "./bindings/CommandError";
import type { Correction } from "./bindings/Correction";
import type { Coverage } from "./bindings/Coverage";
import type { DatasetPreview } from "./bindings/DatasetPreview";
import type { DatasetStatus } from "./bindings/DatasetStatus";
import type { Detail } from "./bindings/Detail";
import type { EditionChange } from "./bindings/EditionChange";
import type { Favourite } from "./bindings/Favourite";
import type { Filters } from "./bindings/Filters";
import type { Labels } from "./bindings/Labels";
import type { NewLocal } from "./bindings/NewLocal";
import type { NewReferral } from "./bindings/NewReferral";
import type { Note } from "./bindings/Note";
import type { Referral } from "./bindings/Referral";
import type { ReferralStatus } from "./bindings/ReferralStatus";
import type { ReferralWay } from "./bindings/ReferralWay";
import type { ReferralModel } from "./bindings/ReferralModel";
import type { ReportStance } from "./bindings/ReportStance";
import type { Resource } from "./bindings/Resource";
import type { SearchHit } from "./bindings/SearchHit";
import type { SearchResults } from "./bindings/SearchResults";
import type { Session } from "./bindings/Session";
import type { SheetEntry } from "./bindings/SheetEntry";
import type { SheetLabels } from "./bindings/SheetLabels";
import type { SheetStyle } from "./bindings/SheetStyle";
import type { Upcoming } from "./bindings/Upcoming";

export type {
  CommandError,
  Correction,
  Coverage,
  DatasetPreview,
  DatasetStatus,
  Detail,
  EditionChange,
  Favourite,
  Filters,
  Labels,
  NewLocal,
  NewReferral,
  Note,
  Referral,
  ReferralStatus,
  ReferralModel,
  ReferralWay,
  ReportStance,
  Resource,
  SearchHit,
  SearchResults,
  Session,
  SheetEntry,
  SheetLabels,
  SheetStyle,
  Upcoming,
};

/** The standard sheet: Japanese, regular print. */
export function standardStyle(): SheetStyle {
  return { lang: "ja", easy: false, large: false };
}

/** An empty set of filters. */
export function noFilters(): Filters {
  return {
    categories: [],
    targets: [],
    substances: [],
    programs: [],
    municipality: null,
    resident_of: null,
    day: null,
    anonymous: false,
    no_reservation: false,
    confidential: false,
    languages: [],
    open_on: null,
    open_at: null,
  };
}

/** Whether a rejection is the `{code, message}` every command fails with. */
export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** A message for the user, whatever was thrown. */
export function messageOf(e: unknown): string {
  if (isCommandError(e)) return e.message;
  return "予期しないエラーが起きました。アプリを再起動してもう一度試してください";
}

export const api = {
  labels: () => invoke<Labels>("labels"),
  search: (query: string, filters: Filters, limit: number) =>
    invoke<SearchResults>("search", { query, filters, limit }),
  detail: (id: string) => invoke<Detail>("detail", { id }),
  openLink: (href: string) => invoke<void>("open_link", { href }),
  addNote: (id: string, text: string) => invoke<Note>("add_note", { id, text }),
  setFavourite: (id: string, on: boolean) => invoke<boolean>("set_favourite", { id, on }),
  favourites: () => invoke<Favourite[]>("favourites"),
  addLocal: (resource: NewLocal) => invoke<string>("add_local", { new: resource }),
  removeLocal: (id: string) => invoke<boolean>("remove_local", { id }),
  localResources: () => invoke<Resource[]>("local_resources"),
  /** Saves the sheet as a PDF (null: the user cancelled the save dialog). */
  exportSheet: (ids: string[], note: string | null, recipient: string | null, office: string | null, style: SheetStyle) =>
    invoke<string | null>("export_sheet", { ids, note, recipient, office, style }),
  /** The sheet as data, for printing it from the app (the same words as the PDF). */
  sheetModel: (ids: string[], note: string | null, recipient: string | null, office: string | null, style: SheetStyle) =>
    invoke<ReferralModel>("sheet_model", { ids, note, recipient, office, style }),
  /** The sheet as plain text, for LINE or an e-mail (the same words). */
  sheetText: (ids: string[], note: string | null, recipient: string | null, office: string | null, style: SheetStyle) =>
    invoke<string>("sheet_text", { ids, note, recipient, office, style }),
  /** Sessions to come (family classes, meetings, programmes) for the 日程 view. */
  upcoming: (filters: Filters, days: number) => invoke<Upcoming>("upcoming", { filters, days }),
  /** Saves the sessions to come as the one-page calendar handout (PDF). */
  exportCalendar: (filters: Filters, days: number, office: string | null, style: SheetStyle) =>
    invoke<string | null>("export_calendar", { filters, days, office, style }),
  /** Saves the sessions to come as an iCalendar file. */
  exportIcs: (filters: Filters, days: number) => invoke<string | null>("export_ics", { filters, days }),
  /** Saves the area booklet of a residence (PDF). */
  exportBooklet: (area: string, a5: boolean, large: boolean, office: string | null) =>
    invoke<string | null>("export_booklet", { area, a5, large, office }),
  /** Records a correction from the field (kept on this PC, sent to the publisher as a file). */
  addCorrection: (id: string, field: string, value: string, note: string | null) =>
    invoke<Correction>("add_correction", { id, field, value, note }),
  /** Which places have a window with a phone serving their residents, gaps first. */
  coverage: () => invoke<Coverage>("coverage"),
  datasetStatus: () => invoke<DatasetStatus>("dataset_status"),
  chooseDataset: () => invoke<DatasetPreview | null>("choose_dataset"),
  chooseBundled: () => invoke<DatasetPreview>("choose_bundled"),
  /** Fetches the edition published at `url` (only when the person asks) and previews it. */
  fetchDataset: (url: string) => invoke<DatasetPreview>("fetch_dataset", { url }),
  applyDataset: (allowUnsigned: boolean) => invoke<EditionChange>("apply_dataset", { allowUnsigned }),
  rollbackDataset: () => invoke<EditionChange>("rollback_dataset"),
  // The referral log (紹介の記録): a case code, never a name.
  caseCodeConcerns: (code: string) => invoke<string[]>("case_code_concerns", { code }),
  addReferral: (referral: NewReferral) => invoke<Referral>("add_referral", { new: referral }),
  /** Adds a dated status to the case's latest referral (`on` null: today). */
  updateReferral: (caseCode: string, status: ReferralStatus, on: string | null, note: string | null) =>
    invoke<Referral>("update_referral", { case: caseCode, status, on, note }),
  /** Every referral, newest first, or one case's history. */
  referrals: (caseCode: string | null) => invoke<Referral[]>("referrals", { case: caseCode }),
  /** Open referrals whose follow-up is today or past, earliest first. */
  dueReferrals: () => invoke<Referral[]>("due_referrals"),
  eraseCase: (caseCode: string) => invoke<number>("erase_case", { case: caseCode }),
};
