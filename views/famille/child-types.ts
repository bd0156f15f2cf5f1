export type ChildSummary = {
  pupilId: number;
  firstName: string;
  lastName: string;
  divisionName: string;
  level: '3e' | '2de';
  schoolName: string;
};

export type RepresentativeSummary = { position: 1 | 2; firstName: string; lastName: string; hasEmail: boolean };
