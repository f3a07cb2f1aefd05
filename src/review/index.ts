/** Review: proposed changes stay drafts until a reviewer other than their author approves them. */
export {
  approveChange,
  CHANGE_ACTIONS,
  type Change,
  type ChangeAction,
  ChangeRefused,
  EDITABLE_TABLES,
  type EditableTable,
  getChange,
  listChanges,
  NEW_SOURCE_PREFIX,
  proposeChange,
  rejectChange,
  SOURCE_LINK,
  SYSTEM_AUTHOR,
} from "./changes.ts";
