from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly


class DeskOrReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone reads (the queryset decides what); writes need the model permission
    that the `editors` and `reviewers` groups hold."""
