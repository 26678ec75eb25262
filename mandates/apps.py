from django.apps import AppConfig


class MandatesConfig(AppConfig):
    name = "mandates"
    verbose_name = "Mandates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from mandates.models import Mandate
        from mandates.services.duplicates import mandate_saved

        # A saved mandate's possible duplicates are scored again once its transaction commits.
        post_save.connect(mandate_saved, sender=Mandate, dispatch_uid="mandates.duplicates.mandate_saved")
