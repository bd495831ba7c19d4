"""三员分立 as rules: two duties, one's own roles, who grants the archive's roles."""

from archive_mgmt.rules import duties

DUTIES = ("System Manager", "Security Officer", "Security Auditor")
ARCHIVE = ("Archive Manager", "Archive Reader")


def refusal(old, new, actor=(), own=False):
	return duties.refusal(
		old_roles=old,
		new_roles=new,
		duties=DUTIES,
		granted_by_officer=ARCHIVE,
		actor_roles=actor,
		officer_role="Security Officer",
		own=own,
	)


def test_no_change_is_never_refused():
	assert refusal(["System Manager", "Security Officer"], ["Security Officer", "System Manager"]) is None


def test_two_duties_are_refused_in_every_pair():
	for i, a in enumerate(DUTIES):
		for b in DUTIES[i + 1 :]:
			assert refusal([a], [a, b], actor=["System Manager"]) == duties.TWO_DUTIES
			assert refusal([], [a, b], actor=["System Manager"]) == duties.TWO_DUTIES


def test_withdrawing_one_of_two_duties_held_before_is_allowed():
	assert (
		refusal(["System Manager", "Security Auditor"], ["System Manager"], actor=["System Manager"]) is None
	)


def test_nobody_adds_a_role_to_themselves():
	assert refusal(["System Manager"], ["System Manager", "Blogger"], own=True) == duties.OWN_ROLES
	assert (
		refusal(
			["Security Officer"],
			["Security Officer", "Archive Manager"],
			actor=["Security Officer"],
			own=True,
		)
		== duties.OWN_ROLES
	)
	assert (
		refusal(["System Manager", "Blogger"], ["System Manager"], actor=["System Manager"], own=True) is None
	)


def test_archive_roles_are_granted_and_withdrawn_by_the_security_officer_only():
	assert refusal([], ["Archive Manager"], actor=["System Manager"]) == duties.NOT_THE_SECURITY_OFFICER
	assert refusal(["Archive Reader"], [], actor=["System Manager"]) == duties.NOT_THE_SECURITY_OFFICER
	assert refusal([], ["Archive Manager"], actor=["Security Officer"]) is None
	assert refusal([], ["Blogger"], actor=["System Manager"]) is None


def test_duties_held():
	assert duties.duties_held(["Security Auditor", "x", "System Manager"], DUTIES) == [
		"System Manager",
		"Security Auditor",
	]
