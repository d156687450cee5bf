import { describe, expect, it } from 'vitest';
import { criterion, model } from '../../src/engine';
import type { LeadColumn } from '../../src/workbook/session';
import { nearestColumn, usefulColumn } from '../../src/taskpane/columnChoice';
import { moveCriterionTo } from '../../src/taskpane/modelEdits';

const col = (name: string, kind: LeadColumn['kind'], distinct: string[] = []): LeadColumn => ({ name, kind, samples: [], distinct, blankShare: 0 });
const COLUMNS = [col('Lead ID', 'text'), col('First Name', 'text'), col('Email', 'email'), col('Industry', 'category', ['Tech', 'Retail']), col('Country', 'category', ['US', 'UK']), col('Pricing Page Visits', 'number'), col('Created Date', 'date')];

describe('where a new criterion starts', () => {
  it('on a category column the model does not use yet for fit, never on an ID', () => {
    expect(usefulColumn(COLUMNS, model({ criteria: [] }), 'fit')?.name).toBe('Industry');
    const usesIndustry = model({ criteria: [criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Tech'] }, points: 5 })] });
    expect(usefulColumn(COLUMNS, usesIndustry, 'fit')?.name).toBe('Country');
  });

  it('on a count for engagement', () => {
    expect(usefulColumn(COLUMNS, model({ criteria: [] }), 'engagement')?.name).toBe('Pricing Page Visits');
  });

  it('suggests the column a mistyped name means, and nothing for a name that exists or is far off', () => {
    expect(nearestColumn('Industy', COLUMNS)).toBe('Industry');
    expect(nearestColumn('pricing page visit', COLUMNS)).toBe('Pricing Page Visits');
    expect(nearestColumn('Industry', COLUMNS)).toBeUndefined();
    expect(nearestColumn('Annual revenue', COLUMNS)).toBeUndefined();
  });
});

describe('drag and drop order', () => {
  it('moves a criterion to another place in its group and leaves the other group alone', () => {
    const c = (name: string, group: 'fit' | 'engagement') => criterion({ name, group, field: 'X', condition: { op: 'notBlank' }, points: 1 });
    const m = model({ criteria: [c('A', 'fit'), c('e1', 'engagement'), c('B', 'fit'), c('C', 'fit')] });
    expect(moveCriterionTo(m, 3, 0).criteria.map((x) => x.name)).toEqual(['C', 'e1', 'A', 'B']);
    expect(moveCriterionTo(m, 0, 3).criteria.map((x) => x.name)).toEqual(['B', 'e1', 'C', 'A']);
    expect(moveCriterionTo(m, 0, 1)).toBe(m);
  });
});
