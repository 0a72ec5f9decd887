export * from "./customer-lists";
export * from "./delivery";
export { addImage, getImage, type ImageOwner, imageTypeOf, listImages, removeImage } from "./images";
export { moveProfileRecords } from "./merge";
export * from "./model";
export {
  alternativePayerReferences,
  configurationIssues,
  deleteProfileRole,
  getProfileRole,
  listProfileRoleHolders,
  listProfileRoles,
  putProfileRole,
} from "./roles";
export * from "./structure";
export {
  addTag,
  deleteTag,
  listTags,
  listTenantTags,
  removeTag,
  renameTag,
  replaceTags,
  tagNamesOf,
  tagsOf,
} from "./tags";
