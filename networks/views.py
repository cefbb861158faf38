from pmqa.plans.choices import CS
from pmqa.plans.views import process_page


def index(request):
    return process_page(request, cs=CS.CS4)
