// Action-plan status across a cycle: for each returning organisation, how many
// of the actions it sent with its latest submission are open, overdue or done
// as at today, and the totals. Pure: no I/O.
import { actionOverdue } from '../actions';

/** One action from an organisation's latest submission to the cycle. */
export interface PlanAction {
	organisationId: string;
	status: string;
	dueOn: string | null;
}

export interface PlanCounts {
	/** Not done and not past its due date (or with none). */
	open: number;
	/** Not done and past its due date. */
	overdue: number;
	done: number;
	total: number;
}

export interface OrganisationPlan extends PlanCounts {
	organisationId: string;
	name: string;
}

export interface ActionPlanStatus {
	totals: PlanCounts;
	/** Returning organisations with at least one action: most overdue first, then most open, then by name. */
	organisations: OrganisationPlan[];
	/** Returning organisations that sent no action plan. */
	withoutPlan: number;
}

const none = (): PlanCounts => ({ open: 0, overdue: 0, done: 0, total: 0 });

function add(c: PlanCounts, a: PlanAction, today: string) {
	if (a.status === 'done') c.done++;
	else if (actionOverdue(a, today)) c.overdue++;
	else c.open++;
	c.total++;
}

/** `returning`: the organisations whose latest submission counts; actions of anyone else are ignored. */
export function actionPlanStatus(returning: readonly { organisationId: string; name: string }[], actions: readonly PlanAction[], today: string): ActionPlanStatus {
	const plans = new Map(returning.map((o) => [o.organisationId, { ...none(), organisationId: o.organisationId, name: o.name }]));
	const totals = none();
	for (const a of actions) {
		const plan = plans.get(a.organisationId);
		if (!plan) continue;
		add(plan, a, today);
		add(totals, a, today);
	}
	const organisations = [...plans.values()]
		.filter((p) => p.total > 0)
		.sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.name.localeCompare(b.name, 'en-GB'));
	return { totals, organisations, withoutPlan: plans.size - organisations.length };
}

/** How many organisations the dashboard's action-plan table shows until the person asks for all. */
export const PLAN_ROWS = 20;

/** The organisations a table shows: the first PLAN_ROWS (the most overdue), or all; and whether any are left out. */
export function shownPlans(status: ActionPlanStatus, all: boolean): { organisations: OrganisationPlan[]; cut: boolean } {
	const organisations = all ? status.organisations : status.organisations.slice(0, PLAN_ROWS);
	return { organisations, cut: organisations.length < status.organisations.length };
}
