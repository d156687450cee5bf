export { modelToSql, describeColumns, fieldsOf, asOfFor, type SqlOptions } from './toSql';
export { DIALECTS, dialectByName, type Dialect, type DialectName } from './dialects';
export { columnKind, parseColumnTypes, type ColumnKind, type ColumnTypes } from './columnTypes';
export { wildcardToLike, wildcardToRegex, type LikePattern } from './wildcards';
export { commentText, parseTableName } from './sqlText';
export { accountsToSql, ACCOUNT_SQL_COLUMNS, type AccountSqlOptions } from './accountsToSql';
