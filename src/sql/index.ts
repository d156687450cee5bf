export { modelToSql, wildcardToLike, asOfFor, type SqlOptions } from './toSql';
export { DIALECTS, dialectByName, type Dialect, type DialectName } from './dialects';
