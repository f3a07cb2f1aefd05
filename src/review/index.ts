/** Review: proposed changes stay drafts until a reviewer other than their author approves them. */
export {
  approveChange,
  CHANGE_ACTIONS,
  type ChangeAction,
  ChangeRefused,
  EDITABLE_TABLES,
  type EditableTable,
  NEW_SOURCE_PREFIX,
  proposeChange,
  rejectChange,
  SOURCE_LINK,
  SYSTEM_AUTHOR,
} from "./changes.ts";
export { type Change, getChange, listChanges } from "./records.ts";
