import pytest

from core.offices.roles import ROLE_PERMISSIONS, Role


@pytest.mark.parametrize(("role", "reads", "keys", "runs"), [
    (Role.COMMITTEE, True, True, True),
    (Role.OFFICE_STAFF, True, True, False),
    (Role.EXECUTIVE, True, False, False),
    (Role.ASSESSOR, True, False, False),
    (Role.ADMINISTRATOR, True, True, True),
])
def test_who_reads_keys_records_and_runs_the_cs7_registers(role, reads, keys, runs):
    perms = ROLE_PERMISSIONS[role]
    assert ("service_standards.view_servicerecord" in perms) is reads
    assert ("service_standards.add_servicerecord" in perms) is keys
    assert ("service_standards.add_service" in perms and "service_standards.add_publicmanual" in perms) is runs
