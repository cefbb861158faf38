import pytest

from service_standards.services import service_save


@pytest.fixture
def make_service(offices):
    """A service of an office (the department by default) with its standard and steps."""

    def make(amount=3, unit="working_days", office=None, name=None, steps=None):
        return service_save(office=office or offices["dept"], name=name or f"บริการ {amount} {unit}",
                            standard_amount=amount, standard_unit=unit,
                            steps=steps if steps is not None else [{"name": "รับคำขอ", "amount": 1,
                                                                     "responsible_unit": "ฝ่ายบริหารทั่วไป"}])
    return make
